package io.policystreams.policy.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplainedVarianceTest {

    private static final double[] TARGETS = {1, 2, 3, 6};

    @Test
    void aPerfectFitExplainsEverythingAndTheMeanNothing() {
        assertEquals(1.0, ExplainedVariance.of(TARGETS, TARGETS.clone()), 0.0);
        assertEquals(0.0, ExplainedVariance.of(TARGETS, new double[] {3, 3, 3, 3}), 1e-15);
        assertEquals(0.0, ExplainedVariance.of(TARGETS, new double[] {-7, -7, -7, -7}), 1e-15,
                "a constant offset is not penalised: only the residuals' variance counts");
    }

    @Test
    void itIsOneMinusTheResidualVarianceOverTheTargetVariance() {
        // Var[y] = 3.5 (mean 3: 4 + 1 + 0 + 9 over 4); residuals (0, 0, 1, −1): mean 0, Var 0.5
        assertEquals(1 - 0.5 / 3.5, ExplainedVariance.of(TARGETS, new double[] {1, 2, 2, 7}), 1e-15);
        // ŷ = 3y overshoots: y − ŷ = −2y, Var = 4 · 3.5, so EV = 1 − 4 = −3, worse than the mean
        assertEquals(-3.0, ExplainedVariance.of(TARGETS, new double[] {3, 6, 9, 18}), 1e-14);
    }

    @Test
    void targetsThatDoNotVaryLeaveItUndefined() {
        assertTrue(Double.isNaN(ExplainedVariance.of(new double[] {2, 2}, new double[] {1, 3})));
        assertTrue(Double.isNaN(ExplainedVariance.of(new double[0], new double[0])));
    }
}
