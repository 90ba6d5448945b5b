package io.policystreams.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.learning.LearnerStates;
import io.policystreams.policy.distribution.Action;
import io.policystreams.schemas.PolicySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {

    /**
     * The candidate: a linear softmax whose bias makes π(arm 1) = 0.9, so J(π) = 0.1·0.2 + 0.9·0.8 = 0.74. The log:
     * 20,000 one-step episodes of μ(arm 1) = 0.3, whose own value is 0.7·0.2 + 0.3·0.8 = 0.38.
     */
    @Test
    void estimatesABanditPolicysValueFromAnotherPolicysLog() {
        PolicySnapshot candidate = candidateWithBetterArmProbability(0.9);
        double truth = 0.1 * 0.2 + 0.9 * 0.8;

        OfflineEvaluation.Result result = OfflineEvaluation.run(candidate, RecordedBandit.SOURCE,
                RecordedBandit.log(RecordedBandit.steps(20_000, 0.3, 5L)), 100_000, Double.NaN, 500, 1L, read -> { });

        assertEquals(20_000, result.perDecision().episodes());
        assertTrue(result.perDecision().lower() <= truth && truth <= result.perDecision().upper(),
                result.perDecision().toString());
        assertTrue(result.weighted().lower() <= truth && truth <= result.weighted().upper(),
                result.weighted().toString());
        assertEquals(0.38, result.behaviour().value(), 0.02);
        assertTrue(result.perDecision().effectiveSampleSize() < 20_000);
    }

    /** Linear softmax over 2 actions, observation (1): logits W·1 + b; θ chosen so π(1) = p. */
    static PolicySnapshot candidateWithBetterArmProbability(double p) {
        var spec = RecordedBandit.spec("candidate", 10);
        var bound = ModelSpecs.bind(spec);
        double[] theta = new double[bound.policy().parameterCount()];
        // log-odds log(p / (1 − p)) through the first parameter that raises action 1's logit by 1 per unit
        double[] probe = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            probe[i] = 1.0;
            double logOdds = logOdds(bound, probe);
            probe[i] = 0.0;
            if (Math.abs(logOdds - 1.0) < 1e-12) {
                theta[i] = Math.log(p / (1 - p));
                break;
            }
        }
        assertEquals(p, Math.exp(bound.policy().logProb(theta, new double[] {1.0}, Action.discrete(1))), 1e-12);
        return PolicySnapshot.newBuilder(LearnerStates.snapshot("candidate", LearnerStates.initial(bound, 0L), 0L))
                .setPolicyParameters(Vectors.toList(theta)).build();
    }

    private static double logOdds(io.policystreams.binding.BoundModel bound, double[] theta) {
        return bound.policy().logProb(theta, new double[] {1.0}, Action.discrete(1))
                - bound.policy().logProb(theta, new double[] {1.0}, Action.discrete(0));
    }
}
