package io.policystreams.simulator.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import org.junit.jupiter.api.Test;

class CartPoleTest {

    private static final double TOLERANCE = 1e-12;

    /**
     * Three steps (right, left, right) from (0.01, −0.02, 0.03, 0.04), each worked by hand from Gymnasium's
     * equations: temp = (F + m_p l θ̇² sin θ)/M; θ̈ = (g sin θ − cos θ·temp)/(l(4/3 − m_p cos²θ/M));
     * ẍ = temp − m_p l θ̈ cos θ/M; then x += τẋ, ẋ += τẍ, θ += τθ̇, θ̇ += τθ̈.
     */
    @Test
    void followsGymnasiumsEulerDynamics() {
        CartPole cartPole = new CartPole();
        cartPole.reset(0.01, -0.02, 0.03, 0.04);

        assertArrayEquals(new double[] {0.009600000000000001, 0.17467919574755525, 0.030799999999999998,
            -0.24306871796000815}, cartPole.step(Action.discrete(1)).observation(), TOLERANCE);
        assertArrayEquals(new double[] {0.013093583914951107, -0.020868848948191993, 0.025938625640799833,
            0.05916799993941654}, cartPole.step(Action.discrete(0)).observation(), TOLERANCE);
        Transition third = cartPole.step(Action.discrete(1));
        assertArrayEquals(new double[] {0.012676206935987267, 0.1738717748734813, 0.027121985639588165,
            -0.22521957255967331}, third.observation(), TOLERANCE);
        assertEquals(1.0, third.reward(), 0.0);
        assertFalse(third.ended());
    }

    @Test
    void pushingOneWayTipsThePolePastTwelveDegreesAndTerminatesWithReward() {
        CartPole cartPole = new CartPole();
        cartPole.reset(0.0, 0.0, 0.0, 0.0);
        Transition transition;
        int steps = 0;
        do {
            transition = cartPole.step(Action.discrete(1));
            steps++;
        } while (!transition.ended());

        assertTrue(transition.terminated());
        assertFalse(transition.truncated());
        assertEquals(1.0, transition.reward(), 0.0, "the terminating step is rewarded too");
        assertTrue(Math.abs(transition.observation()[2]) > CartPole.THETA_THRESHOLD_RADIANS);
        assertTrue(steps > 5 && steps < 20, "tipped over after " + steps + " steps");
        assertThrows(IllegalStateException.class, () -> cartPole.step(Action.discrete(0)));
    }

    @Test
    void leavingTheTrackTerminates() {
        CartPole cartPole = new CartPole();
        cartPole.reset(2.39, 1.0, 0.0, 0.0);

        Transition transition = cartPole.step(Action.discrete(1));

        assertTrue(transition.terminated());
        assertEquals(2.41, transition.observation()[0], TOLERANCE);
    }

    @Test
    void theTimeLimitTruncatesAStandingPole() {
        CartPole cartPole = new CartPole(4);
        cartPole.reset(0.0, 0.0, 0.0, 0.0);

        for (int t = 0; t < 3; t++) {
            assertFalse(cartPole.step(Action.discrete(t % 2)).ended());
        }
        Transition last = cartPole.step(Action.discrete(1));

        assertTrue(last.truncated());
        assertFalse(last.terminated());
    }

    @Test
    void resetsAreUniformInTheSmallBoxAndReproducible() {
        CartPole cartPole = new CartPole();
        for (long seed = 0; seed < 1000; seed++) {
            for (double v : cartPole.reset(seed)) {
                assertTrue(v >= -0.05 && v < 0.05, "state " + v);
            }
        }
        assertArrayEquals(cartPole.reset(7L), new CartPole().reset(7L), 0.0);
        assertEquals(500, CartPole.MAX_EPISODE_STEPS);
    }
}
