package io.policystreams.policy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final double RELATIVE_TOLERANCE = 1e-13;

    @Test
    void tanhAgreesWithMathTanhAcrossMagnitudes() {
        Random rng = new Random(42);
        double worst = 0.0;
        for (int i = 0; i < 200_000; i++) {
            double z = (rng.nextDouble() - 0.5) * 60.0 * Math.pow(10.0, -rng.nextInt(12));
            double expected = Math.tanh(z);
            double relative = expected == 0.0 ? Math.abs(Activation.tanh(z))
                    : Math.abs(Activation.tanh(z) - expected) / Math.abs(expected);
            worst = Math.max(worst, relative);
        }
        assertTrue(worst < RELATIVE_TOLERANCE, "worst relative error " + worst);
    }

    @Test
    void tanhIsOddExactAtZeroAndSaturates() {
        assertEquals(0.0, Activation.tanh(0.0), 0.0);
        assertEquals(-Activation.tanh(0.7), Activation.tanh(-0.7), 0.0);
        assertEquals(1.0, Activation.tanh(40.0), 0.0);
        assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Math.tanh(1e-3), Activation.tanh(1e-3), 1e-3 * RELATIVE_TOLERANCE);
    }
}
