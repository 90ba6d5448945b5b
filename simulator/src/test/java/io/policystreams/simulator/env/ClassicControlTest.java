package io.policystreams.simulator.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Acrobot-v1, Pendulum-v1, MountainCar-v0 and MountainCarContinuous-v0 against steps worked from Gymnasium's
 * equations at 1e-12: the expected states come from running the step methods of Gymnasium's own source
 * (classic_control, at its commit 3f0476a8c) in float64 from the same states, except the continuous mountain car's,
 * whose Gymnasium source rounds its state to float32 each step: those are its step's equations in doubles.
 */
class ClassicControlTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void acrobotIntegratesTheBooksDynamicsWithRungeKutta() {
        Acrobot acrobot = new Acrobot();
        acrobot.reset(0.05, -0.03, 0.02, -0.04);
        Transition first = acrobot.step(Action.discrete(2));
        assertArrayEquals(new double[] {0.03390161375594522, 0.0043769288531439535, -0.17638111787949443,
            0.37486153494590896}, acrobot.state(), TOLERANCE);
        assertArrayEquals(new double[] {Math.cos(0.03390161375594522), Math.sin(0.03390161375594522),
            Math.cos(0.0043769288531439535), Math.sin(0.0043769288531439535), -0.17638111787949443,
            0.37486153494590896}, first.observation(), TOLERANCE);
        assertEquals(-1.0, first.reward(), 0.0);
        acrobot.step(Action.discrete(0));
        assertArrayEquals(new double[] {0.009791599641250159, 0.04397661969905978, -0.05882070915223793,
            0.011035661503737582}, acrobot.state(), TOLERANCE);
        Transition third = acrobot.step(Action.discrete(1));
        assertArrayEquals(new double[] {-0.0018513476516133255, 0.042101977211267086, -0.055316302759220275,
            -0.03122209033485112}, acrobot.state(), TOLERANCE);
        assertFalse(third.ended());
    }

    @Test
    void acrobotWrapsAnglesBoundsVelocitiesAndTerminatesWithRewardZeroAboveTheLine() {
        Acrobot acrobot = new Acrobot();
        acrobot.reset(0.0, 0.0, 12.0, 27.0);
        acrobot.step(Action.discrete(2));
        assertArrayEquals(new double[] {-1.9610451474071349, -2.984920687043246, 4 * Math.PI, 5.505684405205219},
                acrobot.state(), TOLERANCE);

        acrobot.reset(3.0, 0.1, 0.0, 0.0);
        Transition top = acrobot.step(Action.discrete(1));
        assertArrayEquals(new double[] {2.9801010644913126, 0.12460838080578891, -0.20368049965045296,
            0.25311378017408265}, acrobot.state(), TOLERANCE);
        assertTrue(top.terminated());
        assertFalse(top.truncated());
        assertEquals(0.0, top.reward(), 0.0);
        assertThrows(IllegalStateException.class, () -> acrobot.step(Action.discrete(1)));
    }

    @Test
    void pendulumPaysForAngleSpeedAndClippedTorque() {
        Pendulum pendulum = new Pendulum();
        pendulum.reset(2.5, -0.7);
        Transition first = pendulum.step(Action.continuous(1.5));
        assertArrayEquals(new double[] {Math.cos(2.4986927054038985), Math.sin(2.4986927054038985),
            -0.026145891922032538}, first.observation(), TOLERANCE);
        assertEquals(-6.3012500000000005, first.reward(), TOLERANCE);
        Transition clipped = pendulum.step(Action.continuous(-3.0));
        assertArrayEquals(new double[] {Math.cos(2.5048673719249783), Math.sin(2.5048673719249783),
            0.12349333042159452}, clipped.observation(), TOLERANCE);
        assertEquals(-6.247533596805095, clipped.reward(), TOLERANCE, "the torque clipped to -2 in the cost");
        assertEquals(-6.275948111200212, pendulum.step(Action.continuous(0.25)).reward(), TOLERANCE);

        pendulum.reset(-3.5, 7.9);
        Transition fast = pendulum.step(Action.continuous(2.0));
        assertArrayEquals(new double[] {Math.cos(-3.1), Math.sin(-3.1), 8.0}, fast.observation(), TOLERANCE);
        assertEquals(-13.991120454100328, fast.reward(), TOLERANCE, "the angle normalized, the speed clipped");
        assertFalse(fast.terminated());
    }

    @Test
    void mountainCarPushesAgainstGravityStopsAtTheWallAndEndsAtTheGoal() {
        MountainCar car = new MountainCar();
        car.reset(-0.5, 0.0);
        assertArrayEquals(new double[] {-0.49917684300416926, 0.0008231569958307428},
                car.step(Action.discrete(2)).observation(), TOLERANCE);
        assertArrayEquals(new double[] {-0.49753668667935325, 0.0016401563248160246},
                car.step(Action.discrete(2)).observation(), TOLERANCE);
        Transition third = car.step(Action.discrete(0));
        assertArrayEquals(new double[] {-0.4970917969323474, 0.00044488974700586273}, third.observation(), TOLERANCE);
        assertEquals(-1.0, third.reward(), 0.0);

        car.reset(-1.19, -0.02);
        assertArrayEquals(new double[] {-1.2, 0.0}, car.step(Action.discrete(0)).observation(), 0.0);

        car.reset(0.49, 0.02);
        Transition goal = car.step(Action.discrete(1));
        assertArrayEquals(new double[] {0.5097484356665327, 0.01974843566653267}, goal.observation(), TOLERANCE);
        assertTrue(goal.terminated());
        assertEquals(-1.0, goal.reward(), 0.0);
    }

    @Test
    void continuousMountainCarClipsTheForceButChargesTheActionAsGiven() {
        MountainCarContinuous car = new MountainCarContinuous();
        car.reset(-0.5, 0.0);
        Transition first = car.step(Action.continuous(0.8));
        assertArrayEquals(new double[] {-0.4989768430041693, 0.0010231569958307428}, first.observation(), TOLERANCE);
        assertEquals(-0.06400000000000002, first.reward(), TOLERANCE);
        Transition clipped = car.step(Action.continuous(1.7));
        assertArrayEquals(new double[] {-0.4966381826222161, 0.002338660381953187}, clipped.observation(),
                TOLERANCE);
        assertEquals(-0.289, clipped.reward(), TOLERANCE, "0.1 x 1.7^2: the action before clipping");
        assertArrayEquals(new double[] {-0.49495150629408124, 0.0016866763281348572},
                car.step(Action.continuous(-0.3)).observation(), TOLERANCE);

        car.reset(0.44, 0.015);
        Transition goal = car.step(Action.continuous(-2.0));
        assertArrayEquals(new double[] {0.45287956137086904, 0.012879561370869068}, goal.observation(), TOLERANCE);
        assertTrue(goal.terminated());
        assertEquals(99.6, goal.reward(), TOLERANCE);
    }

    @Test
    void eachTruncatesAtItsTimeLimitWithoutTerminating() {
        assertTruncatesAfter(500, Acrobot::new, Action.discrete(1));
        assertTruncatesAfter(200, Pendulum::new, Action.continuous(0.0));
        assertTruncatesAfter(200, MountainCar::new, Action.discrete(1));
        assertTruncatesAfter(999, MountainCarContinuous::new, Action.continuous(0.0));
    }

    @Test
    void seededStartsAreReproducibleAndInGymnasiumsRanges() {
        for (long seed = 0; seed < 50; seed++) {
            Acrobot acrobot = new Acrobot();
            acrobot.reset(seed);
            for (double value : acrobot.state()) {
                assertTrue(value >= -0.1 && value <= 0.1, "acrobot " + value);
            }
            double[] pendulum = new Pendulum().reset(seed);
            assertTrue(Math.abs(pendulum[2]) <= 1.0, "pendulum speed " + pendulum[2]);
            double[] car = new MountainCar().reset(seed);
            assertTrue(car[0] >= -0.6 && car[0] <= -0.4 && car[1] == 0.0, "car " + car[0]);
            assertArrayEquals(car, new MountainCarContinuous().reset(seed), 0.0);
            assertArrayEquals(pendulum, new Pendulum().reset(seed), 0.0);
        }
        assertEquals(new ActionSpace.Discrete(3), new Acrobot().actionSpace());
        assertArrayEquals(new double[] {-2.0}, ((ActionSpace.Box) new Pendulum().actionSpace()).low(), 0.0);
        assertArrayEquals(new double[] {1.0}, ((ActionSpace.Box) new MountainCarContinuous().actionSpace()).high(),
                0.0);
    }

    private static void assertTruncatesAfter(int limit, Supplier<Environment> make, Action action) {
        Environment environment = make.get();
        environment.reset(7L);
        Transition transition = null;
        for (int step = 0; step < limit; step++) {
            assertFalse(transition != null && transition.ended(), "ended before step " + step);
            transition = environment.step(action);
        }
        assertTrue(transition.truncated(), environment.getClass().getSimpleName() + " truncated at " + limit);
        assertFalse(transition.terminated());
    }
}
