package io.policystreams.policy.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void studentTQuantilesMatchTheTables() {
        assertEquals(12.706, MeanInterval.t975(1), 1e-3);
        assertEquals(2.228, MeanInterval.t975(10), 1e-3);
        assertEquals(2.201, MeanInterval.t975(11), 1e-3);
        assertEquals(2.093, MeanInterval.t975(19), 1e-3);
        assertEquals(2.010, MeanInterval.t975(49), 1e-3);
        assertEquals(1.984, MeanInterval.t975(100), 1e-3);
    }

    @Test
    void theIntervalIsTTimesTheStandardError() {
        // mean 3, s² = 10/4 = 2.5, standard error √(2.5/5) = 0.7071, t_{0.975,4} = 2.776
        MeanInterval interval = MeanInterval.of(new double[] {1, 2, 3, 4, 5});

        assertEquals(3.0, interval.mean(), 1e-12);
        assertEquals(2.776 * Math.sqrt(0.5), interval.halfWidth(), 1e-9);
        assertEquals(3.0 - 2.776 * Math.sqrt(0.5), interval.lower(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[] {1}));
    }
}
