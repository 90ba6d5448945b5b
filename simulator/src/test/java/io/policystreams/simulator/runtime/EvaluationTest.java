package io.policystreams.simulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.binding.Vectors;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.env.MultiArmedBandit;
import io.policystreams.simulator.env.Environments;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void greedyActsByTheMostLikelyArm() {
        ModelSpec bandit = DefaultModels.forEnvironment(Environments.BANDIT, "bandit", 1L);
        // Linear softmax over 3 arms, observation (1): θ = [W (3×1), b (3)]; arm 2's logit is highest.
        PolicySnapshot prefersArm2 = PolicySnapshot.newBuilder(SimulatorTest.snapshot(bandit, 4))
                .setPolicyParameters(Vectors.toList(new double[] {0.0, 0.0, 3.0, 0.0, 0.0, 0.0})).build();

        Evaluation.Result result = Evaluation.run(prefersArm2, new MultiArmedBandit(new double[] {0, 0, 1}, 0.0), 50,
                1L, true);

        assertEquals(1.0, result.meanReturn(), 0.0);
        assertEquals(0.0, result.halfWidth(), 0.0);
        assertEquals(4L, result.version());
    }

    @Test
    void samplingGivesTheExpectedReturnWithinItsInterval() {
        ModelSpec bandit = DefaultModels.forEnvironment(Environments.BANDIT, "bandit", 1L);
        PolicySnapshot uniform = PolicySnapshot.newBuilder(SimulatorTest.snapshot(bandit, 0))
                .setPolicyParameters(Vectors.toList(new double[6])).build();

        Evaluation.Result result = Evaluation.run(uniform, new MultiArmedBandit(new double[] {0, 0, 1}, 0.0), 4000,
                2L, false);

        assertEquals(1.0 / 3.0, result.meanReturn(), 2 * result.halfWidth());
        assertTrue(result.halfWidth() > 0.0 && result.halfWidth() < 0.03, result.toString());
    }
}
