package io.policystreams.simulator.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import org.junit.jupiter.api.Test;

class BanditsTest {

    @Test
    void anArmPaysItsMeanOnAverageAndEndsTheEpisode() {
        MultiArmedBandit bandit = new MultiArmedBandit(new double[] {0.2, 0.8}, 0.5);
        double sum = 0.0;
        int pulls = 20_000;
        for (int i = 0; i < pulls; i++) {
            assertArrayEquals(new double[] {1.0}, bandit.reset(i), 0.0);
            Transition transition = bandit.step(Action.discrete(1));
            assertTrue(transition.terminated());
            sum += transition.reward();
        }
        // standard error 0.5/√20000 ≈ 0.0035
        assertEquals(0.8, sum / pulls, 0.02);
        assertThrows(IllegalStateException.class, () -> bandit.step(Action.discrete(0)));
    }

    @Test
    void aNoiselessBanditPaysExactlyTheMean() {
        MultiArmedBandit bandit = new MultiArmedBandit(new double[] {0.2, 0.8, -1.0}, 0.0);
        bandit.reset(3);
        assertEquals(-1.0, bandit.step(Action.discrete(2)).reward(), 0.0);
    }

    @Test
    void theContextualBanditPaysOnlyTheArmOfItsContext() {
        ContextualBandit bandit = new ContextualBandit(3, 2);
        int[] seen = new int[3];
        for (long seed = 0; seed < 300; seed++) {
            double[] observation = bandit.reset(seed);
            int context = oneHotIndex(observation);
            seen[context]++;
            int other = 1 - bandit.bestArm(context);
            assertEquals(0.0, bandit.step(Action.discrete(other)).reward(), 0.0);
            bandit.reset(seed);
            Transition paid = bandit.step(Action.discrete(bandit.bestArm(context)));
            assertEquals(1.0, paid.reward(), 0.0);
            assertTrue(paid.terminated());
        }
        for (int count : seen) {
            assertTrue(count > 70, "every context appears: " + java.util.Arrays.toString(seen));
        }
        assertEquals(0, bandit.bestArm(2));
    }

    private static int oneHotIndex(double[] observation) {
        int index = -1;
        for (int i = 0; i < observation.length; i++) {
            if (observation[i] == 1.0) {
                assertEquals(-1, index);
                index = i;
            } else {
                assertEquals(0.0, observation[i], 0.0);
            }
        }
        return index;
    }
}
