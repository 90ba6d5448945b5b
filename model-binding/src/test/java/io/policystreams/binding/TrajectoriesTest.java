package io.policystreams.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.ContinuousAction;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Step;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoriesTest {

    @Test
    void outOfOrderStepsBecomeOneOrderedTrajectory() {
        Trajectory tau = Trajectories.fromSteps(List.of(step(2, true, false), step(0, false, false),
                step(1, false, false)));

        assertEquals(3, tau.length());
        assertArrayEquals(new double[] {0.0, 1.0, 2.0}, tau.rewards(), 0.0);
        assertEquals(Action.discrete(1), tau.action(1));
        assertArrayEquals(new double[] {1.0, 0.5}, tau.observation(1), 0.0);
        assertTrue(tau.terminated());
        assertNull(tau.finalObservation());
    }

    @Test
    void aTruncatedEpisodeBootstrapsFromItsNextObservation() {
        Step last = step(1, false, true);
        last.setNextObservation(List.of(9.0, 9.5));

        Trajectory tau = Trajectories.fromSteps(List.of(step(0, false, false), last));

        assertEquals(19.0, tau.bootstrapValue(s -> s[0] + s[1] + 0.5), 0.0);
    }

    @Test
    void actionMasksTravelWithTheirStepsAndAnAbsentMaskAllowsEveryAction() {
        Step masked = step(1, true, false);
        masked.setActionMask(List.of(false, true, true));

        Trajectory tau = Trajectories.fromSteps(List.of(masked, step(0, false, false)));

        assertNull(tau.actionMask(0));
        assertEquals(ActionMask.of(false, true, true), tau.actionMask(1));
        assertEquals(List.of(false, true, true), Actions.maskToAvro(tau.actionMask(1)));
        assertNull(Actions.maskToAvro(null));
        Step disallowed = step(1, true, false);
        disallowed.setActionMask(List.of(true, false));
        assertEquals("actions[0] = 1 is not allowed by ActionMask[10]", assertThrows(IllegalArgumentException.class,
                () -> Trajectories.fromSteps(List.of(disallowed))).getMessage());
    }

    @Test
    void anEpisodeWhoseStaleStartWasDroppedStartsAtItsFirstKeptIndex() {
        Trajectory tau = Trajectories.fromSteps(List.of(step(3, true, false), step(2, false, false)));

        assertEquals(2, tau.length());
        assertEquals(2.0, tau.observation(0)[0], 0.0);
    }

    @Test
    void gapsEarlyEndsAndMissingFinalObservationsAreRejected() {
        assertEquals("episode e-1 expects step index 1, found 2", assertThrows(IllegalArgumentException.class,
                () -> Trajectories.fromSteps(List.of(step(0, false, false), step(2, true, false)))).getMessage());
        assertEquals("episode e-1: only the last step (1) may end it, step 0 does",
                assertThrows(IllegalArgumentException.class,
                        () -> Trajectories.fromSteps(List.of(step(0, true, false), step(1, true, false))))
                        .getMessage());
        assertEquals("a truncated episode needs its final observation s_T",
                assertThrows(IllegalArgumentException.class,
                        () -> Trajectories.fromSteps(List.of(step(0, false, true)))).getMessage());
    }

    @Test
    void actionsConvertBothWays() {
        assertEquals(Action.discrete(3), Actions.fromAvro(Actions.toAvro(Action.discrete(3))));
        assertEquals(Action.continuous(0.5, -1.0), Actions.fromAvro(Actions.toAvro(Action.continuous(0.5, -1.0))));
        assertEquals(new ContinuousAction(List.of(0.5, -1.0)), Actions.toAvro(Action.continuous(0.5, -1.0)));
        assertThrows(IllegalArgumentException.class, () -> Actions.fromAvro("left"));
    }

    private static Step step(int t, boolean terminated, boolean truncated) {
        return Step.newBuilder()
                .setModelId("chain").setEpisodeId("e-1").setStepIndex(t)
                .setObservation(List.of((double) t, 0.5)).setAction(new DiscreteAction(t % 2))
                .setReward(t).setTerminated(terminated).setTruncated(truncated)
                .setBehaviourLogProb(-0.69).setPolicyVersion(10L + t)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + t)).setSimulatorId("sim-0")
                .build();
    }
}
