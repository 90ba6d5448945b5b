package io.policystreams.policy.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** μ = (1 − ε)·softmax(z/T) + ε/|A(s)| against closed forms, and its sampler against μ. */
class ExplorationMixtureTest {

    private static final double TOLERANCE = 1e-15;
    /** z = (0, ln 3): π = (1/4, 3/4). */
    private static final double[] LOG_PI = Softmax.logSoftmax(new double[] {0.0, Math.log(3.0)});

    @Test
    void epsilonMixesInTheUniformShare() {
        double[] mu = exp(new ExplorationMixture(0.2, 1.0).logProbabilities(LOG_PI));
        assertArrayEquals(new double[] {0.8 * 0.25 + 0.1, 0.8 * 0.75 + 0.1}, mu, TOLERANCE);
    }

    @Test
    void temperatureFlattensTheSoftmax() {
        double[] mu = exp(new ExplorationMixture(0.0, 2.0).logProbabilities(LOG_PI));
        double root3 = Math.sqrt(3.0); // softmax(z/2) = (1, √3)/(1 + √3)
        assertArrayEquals(new double[] {1.0 / (1.0 + root3), root3 / (1.0 + root3)}, mu, 1e-15);
        double[] both = exp(new ExplorationMixture(0.5, 2.0).logProbabilities(LOG_PI));
        assertArrayEquals(new double[] {0.5 / (1.0 + root3) + 0.25, 0.5 * root3 / (1.0 + root3) + 0.25}, both,
                TOLERANCE);
    }

    @Test
    void theUniformShareGoesToTheAllowedActionsOnly() {
        double[] logPi = Softmax.logSoftmax(new double[] {1.0, 5.0, 2.0}, ActionMask.of(true, false, true));
        double[] logMu = new ExplorationMixture(1.0, 1.0).logProbabilities(logPi);
        assertEquals(Double.NEGATIVE_INFINITY, logMu[1]);
        assertEquals(0.5, Math.exp(logMu[0]), TOLERANCE);
        assertEquals(0.5, Math.exp(logMu[2]), TOLERANCE);
    }

    @Test
    void samplesFollowMu() {
        double[] logMu = new ExplorationMixture(0.2, 1.0).logProbabilities(LOG_PI);
        Random rng = new Random(5);
        int n = 200_000;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            zeros += Softmax.sampleIndex(logMu, rng) == 0 ? 1 : 0;
        }
        double share = zeros / (double) n; // 0.3, standard error about 0.001
        assertTrue(Math.abs(share - 0.3) < 0.005, "share of action 0: " + share);
    }

    @Test
    void settingsOutsideTheirDomainsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExplorationMixture(-0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ExplorationMixture(1.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ExplorationMixture(0.1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new ExplorationMixture(Double.NaN, 1.0));
        assertTrue(new ExplorationMixture(0.0, 1.0).isNone());
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }
}
