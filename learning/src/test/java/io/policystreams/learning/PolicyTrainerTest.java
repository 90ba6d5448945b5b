package io.policystreams.learning;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTrainerTest {

    private final ModelSpec spec = bandit(2).build();
    private final LearnerState v0 = LearnerStates.initial(ModelSpecs.bind(spec), 0L);

    @Test
    void anUpdateAdvancesTheVersionAndCountersAndKeepsTheInputUntouched() {
        List<Episode> batch = List.of(episode("a", 1, 3), episode("b", 0, 2));
        LearnerState before = LearnerState.newBuilder(v0).build();

        PolicyTrainer.Outcome outcome = PolicyTrainer.update("bandit", v0, batch, 4, 123L);

        assertEquals(before, v0);
        assertEquals(1L, outcome.state().getVersion());
        assertEquals(2L, outcome.state().getEpisodesConsumed());
        assertEquals(5L, outcome.state().getStepsConsumed());
        assertEquals(1L, outcome.state().getPolicyOptimizer().getStepCount());
        assertNotEquals(v0.getPolicyParameters(), outcome.state().getPolicyParameters());
        assertEquals(outcome.state().getPolicyParameters(), outcome.snapshot().getPolicyParameters());
        assertEquals(4, outcome.report().getDroppedStaleSteps());
        assertEquals(123L, outcome.report().getCreatedAt().toEpochMilli());
    }

    @Test
    void rewardingAnActionRaisesItsProbability() {
        LearnerState state = v0;
        for (int i = 0; i < 20; i++) {
            List<Episode> batch = List.of(episode("a" + i, 1, 1), losing("b" + i));
            long version = state.getVersion();
            batch.forEach(e -> e.getSteps().forEach(s -> s.setPolicyVersion(version)));
            state = PolicyTrainer.update("bandit", state, batch, 0, 0L).state();
        }
        double[] theta = io.policystreams.binding.Vectors.toArray(state.getPolicyParameters());
        double logProbOfArm1 = ModelSpecs.bind(spec).policy().logProb(theta, new double[] {1.0},
                io.policystreams.policy.distribution.Action.discrete(1));

        assertEquals(1.0, Math.exp(logProbOfArm1), 0.1);
    }

    @Test
    void theReportCarriesTheEffectiveSampleSizeOfTheImportanceWeights() {
        List<Episode> batch = List.of(episode("a", 0, 1), episode("b", 1, 1));
        double[] theta = io.policystreams.binding.Vectors.toArray(v0.getPolicyParameters());
        double[] rho = new double[2];
        for (int a = 0; a < 2; a++) {
            rho[a] = Math.exp(ModelSpecs.bind(spec).policy().logProb(theta, new double[] {1.0},
                    io.policystreams.policy.distribution.Action.discrete(a)) - Math.log(0.5));
        }

        PolicyTrainer.Outcome outcome = PolicyTrainer.update("bandit", v0, batch, 0, 0L);

        double expected = (rho[0] + rho[1]) * (rho[0] + rho[1]) / (rho[0] * rho[0] + rho[1] * rho[1]);
        assertEquals(expected, outcome.report().getEffectiveSampleSize(), 1e-12);
    }

    @Test
    void replayTrainsOnEveryStepWhateverVersionActedIt() {
        LearnerState v50 = LearnerState.newBuilder(v0).setVersion(50L).build();
        List<Episode> batch = List.of(episode("a", 1, 3), episode("b", 0, 2)); // acted by version 0: lag 50 > 8

        assertThrows(IllegalArgumentException.class, () -> PolicyTrainer.update("bandit", v50, batch, 0, 0L));
        PolicyTrainer.Outcome replayed = PolicyTrainer.replay("replayed", v50, batch, 9L);

        assertEquals(51L, replayed.state().getVersion());
        assertEquals(5L, replayed.state().getStepsConsumed());
        assertEquals(5, replayed.report().getSteps());
        assertEquals(0, replayed.report().getDroppedStaleSteps());
        assertEquals(0L, replayed.report().getMaxStaleness());
        assertEquals("replayed", replayed.snapshot().getModelId());
    }

    @Test
    void aBatchWithNothingFreshIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PolicyTrainer.update("bandit", v0, List.of(), 0, 0L));
    }

    private static Episode episode(String id, int action, int length) {
        List<Step> steps = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            steps.add(step(id, t, length).setAction(new DiscreteAction(action)).build());
        }
        return new Episode("bandit", id, steps, List.of());
    }

    private static Episode losing(String id) {
        return new Episode("bandit", id, List.of(step(id, 0, 1).setAction(new DiscreteAction(0)).setReward(-1.0)
                .build()), List.of());
    }
}
