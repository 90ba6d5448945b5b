package io.policystreams.policy.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.policy.returns.DiscountedReturns;
import io.policystreams.policy.returns.GeneralizedAdvantageEstimation;
import org.junit.jupiter.api.Test;

class VTraceTest {

    private static final double TOLERANCE = 1e-12;

    /**
     * T = 2, γ = 0.5, ρ̄ = c̄ = 1, r = (1, 2), V = (0.5, 1), V(s_2) = 3 (truncated), π/μ = (2, 0.5):
     * ρ = c = (1, 0.5). δ_1 = 0.5·(2 + 0.5·3 − 1) = 1.25, v_1 = 1 + 1.25 = 2.25;
     * δ_0 = 1·(1 + 0.5·1 − 0.5) = 1, v_0 = 0.5 + 1 + 0.5·1·1.25 = 2.125.
     * Advantages: r_0 + γv_1 − V_0 = 1 + 1.125 − 0.5 = 1.625; r_1 + γV(s_2) − V_1 = 2 + 1.5 − 1 = 2.5.
     */
    @Test
    void matchesAHandComputedCase() {
        VTrace.Result result = VTrace.compute(new double[] {1, 2}, new double[] {0.5, 1.0}, 3.0,
                new double[] {Math.log(2.0), Math.log(0.5)}, 0.5, 1.0, 1.0, 1.0);

        assertArrayEquals(new double[] {2.125, 2.25}, result.targets(), TOLERANCE);
        assertArrayEquals(new double[] {1.625, 2.5}, result.advantages(), TOLERANCE);
        assertArrayEquals(new double[] {1.0, 0.5}, result.rhos(), TOLERANCE);
    }

    @Test
    void onPolicyTargetsAreTheBootstrappedRewardToGo() {
        double[] r = {1, -2, 0.5, 3};
        double[] v = {0.3, -0.1, 2.0, 1.0};
        VTrace.Result result = VTrace.compute(r, v, 4.0, new double[4], 0.9, 1.0, 1.0, 1.0);

        assertArrayEquals(DiscountedReturns.rewardToGo(r, 0.9, 4.0), result.targets(), 1e-12);
    }

    @Test
    void onPolicyWithLambdaIsGaeAndTheLambdaReturns() {
        double[] r = {1, -2, 0.5, 3};
        double[] v = {0.3, -0.1, 2.0, 1.0};
        VTrace.Result result = VTrace.compute(r, v, 4.0, new double[4], 0.9, 0.7, 1.0, 1.0);

        double[] gae = GeneralizedAdvantageEstimation.advantages(r, v, 4.0, 0.9, 0.7);
        assertArrayEquals(gae, result.advantages(), TOLERANCE);
        assertArrayEquals(GeneralizedAdvantageEstimation.lambdaReturns(gae, v), result.targets(), TOLERANCE);
    }

    /** λ = 0.5, γ = 1, π/μ = 2 with c̄ = 1, ρ̄ = 2: c = 0.5, ρ = 2. r = (1, 1), V = (0, 0), terminated.
     *  δ_1 = 2·1 = 2, v_1 = 2; δ_0 = 2·(1 + 0 − 0) = 2, v_0 = 2 + 0.5·2 = 3.
     *  Advantages: r_0 + (0.5·v_1 + 0.5·V_1) − V_0 = 1 + 1 = 2; r_1 + 0 − 0 = 1. */
    @Test
    void lambdaScalesTheTracesAndMixesTheBootstrap() {
        double log2 = Math.log(2.0);
        VTrace.Result result = VTrace.compute(new double[] {1, 1}, new double[] {0, 0}, 0.0,
                new double[] {log2, log2}, 1.0, 0.5, 2.0, 1.0);

        assertArrayEquals(new double[] {3.0, 2.0}, result.targets(), TOLERANCE);
        assertArrayEquals(new double[] {2.0, 1.0}, result.advantages(), TOLERANCE);
        assertArrayEquals(new double[] {2.0, 2.0}, result.rhos(), TOLERANCE);
    }

    @Test
    void truncationLevelsCapTheWeights() {
        VTrace.Result result = VTrace.compute(new double[] {1}, new double[] {0}, 0.0,
                new double[] {Math.log(5.0)}, 0.9, 1.0, 2.0, 1.0);

        assertEquals(2.0, result.rhos()[0], TOLERANCE);
        assertEquals(2.0, result.targets()[0], TOLERANCE); // V + ρ̄·δ = 0 + 2·1
    }

    @Test
    void effectiveSampleSizeOfEqualWeightsIsTheirCount() {
        assertEquals(4.0, ImportanceSampling.effectiveSampleSize(new double[] {0.5, 0.5, 0.5, 0.5}), TOLERANCE);
        assertEquals(1.0, ImportanceSampling.effectiveSampleSize(new double[] {0, 3, 0}), TOLERANCE);
        assertEquals(2.0, ImportanceSampling.ratio(Math.log(0.4), Math.log(0.2)), TOLERANCE);
        assertEquals(1.0, ImportanceSampling.truncated(2.0, 1.0));
    }
}
