package io.policystreams.simulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.binding.Actions;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.simulator.env.Environments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator loop against in-memory policies and steps; the Kafka ends are covered end to end. */
class SimulatorTest {

    private static final ModelSpec CARTPOLE = DefaultModels.forEnvironment(Environments.CARTPOLE, "cartpole", 3L);

    @Test
    void publishesConsecutiveStepsWithTheBehaviourLogProbAndVersionOfThePolicyThatActed() {
        Policies policies = new Policies(snapshot(CARTPOLE, 0));
        Steps steps = new Steps();

        RunSummary summary = new Simulator(settings(2, 6, 0), Environments.named(Environments.CARTPOLE), policies,
                steps, (e, s, r, l, v, m) -> { }).run();

        assertTrue(summary.episodes() >= 6 && summary.episodes() <= 7, "the other episode is played out");
        assertEquals(summary.steps(), steps.published.size());
        assertEquals(summary.episodes(), steps.byEpisode().size());
        for (List<Step> episode : steps.byEpisode()) {
            Step last = episode.get(episode.size() - 1);
            assertTrue(last.getTerminated() || last.getTruncated());
            for (int t = 0; t < episode.size(); t++) {
                Step step = episode.get(t);
                assertEquals(t, step.getStepIndex());
                assertEquals(t < episode.size() - 1, !step.getTerminated() && !step.getTruncated());
                assertEquals(0L, step.getPolicyVersion());
                assertEquals(null, step.getActionMask(), "CartPole allows every action");
                assertEquals(ModelSpecs.bind(CARTPOLE).policy().logProb(
                        Vectors.toArray(policies.current.getPolicyParameters()),
                        Vectors.toArray(step.getObservation()), Actions.fromAvro(step.getAction())),
                        step.getBehaviourLogProb(), 0.0);
                if (t > 0) {
                    assertEquals(episode.get(t - 1).getNextObservation(), step.getObservation());
                }
            }
        }
    }

    /** Each step carries the mask the environment reported; the action and its log π are taken under it. */
    @Test
    void stepsCarryTheEnvironmentsActionMaskAndTheLogProbUnderIt() {
        ModelSpec scheduling = DefaultModels.forEnvironment(Environments.SCHEDULING, "scheduling", 3L);
        Policies policies = new Policies(snapshot(scheduling, 0));
        Steps steps = new Steps();
        SimulatorSettings settings = new SimulatorSettings("scheduling", "sim", 1, 1L, 1, 0, Double.NaN, 10, 0,
                Duration.ofSeconds(1));

        new Simulator(settings, Environments.named(Environments.SCHEDULING), policies, steps,
                (e, s, r, l, v, m) -> { }).run();

        double[] theta = Vectors.toArray(policies.current.getPolicyParameters());
        int masked = 0;
        for (Step step : steps.published) {
            ActionMask mask = Actions.maskFromAvro(step.getActionMask());
            int action = ((Action.Discrete) Actions.fromAvro(step.getAction())).index();
            assertTrue(mask.allows(action), "step " + step.getStepIndex() + " took " + action + " under " + mask);
            masked += mask.allowedCount() < mask.size() ? 1 : 0;
            assertEquals(ModelSpecs.bind(scheduling).policy().logProb(theta, Vectors.toArray(step.getObservation()),
                    mask, Action.discrete(action)), step.getBehaviourLogProb(), 0.0);
        }
        assertTrue(masked > 0, "some states rule actions out");
        assertTrue(steps.published.stream().allMatch(step -> step.getActionMask() != null));
    }

    @Test
    void theSameSeedsAndPolicyGiveTheSameSteps() {
        assertEquals(run(5L), run(5L));
        assertNotEquals(run(5L), run(6L));
    }

    private static List<Step> run(long seed) {
        Steps steps = new Steps();
        SimulatorSettings settings = new SimulatorSettings("cartpole", "sim", 3, seed, 5, 0, Double.NaN, 10, 0,
                Duration.ofSeconds(1));
        new Simulator(settings, Environments.named(Environments.CARTPOLE), new Policies(snapshot(CARTPOLE, 0)),
                steps, (e, s, r, l, v, m) -> { }).run();
        return steps.published.stream()
                .map(step -> Step.newBuilder(step).setEventTime(Instant.EPOCH).build()).toList();
    }

    @Test
    void aNewerPolicyIsPickedUpWithoutARestart() {
        Policies policies = new Policies(snapshot(CARTPOLE, 0));
        Steps steps = new Steps();
        steps.onPublish = count -> {
            if (count == 50) {
                policies.current = snapshot(CARTPOLE, 1);
            }
        };

        SimulatorSettings settings = new SimulatorSettings("cartpole", "sim", 1, 1L, 0, 100, Double.NaN, 100, 0,
                Duration.ofSeconds(1));
        new Simulator(settings, Environments.named(Environments.CARTPOLE), policies, steps, (e, s, r, l, v, m) -> { })
                .run();

        assertEquals(0L, steps.published.get(49).getPolicyVersion());
        assertEquals(1L, steps.published.get(50).getPolicyVersion());
    }

    @Test
    void withStepsPerVersionFinishedEnvironmentsWaitForANewerPolicy() {
        Policies policies = new Policies(snapshot(CARTPOLE, 0));
        SimulatorSettings settings = new SimulatorSettings("cartpole", "sim", 2, 1L, 100, 0, Double.NaN, 10, 30,
                Duration.ofMillis(200));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Simulator(settings,
                Environments.named(Environments.CARTPOLE), policies, new Steps(), (x, s, r, l, v, m) -> { }).run());
        assertEquals("no policy of model cartpole newer than version 0 within PT0.2S; is the learner running and "
                + "the model declared?", e.getMessage());
        assertTrue(policies.awaited.contains(0L), "it waited for a version above 0");
    }

    @Test
    void stopsOnceTheMeanReturnOfTheWindowReachesTheTarget() {
        ModelSpec bandit = DefaultModels.forEnvironment(Environments.BANDIT, "bandit", 1L);
        SimulatorSettings settings = new SimulatorSettings("bandit", "sim", 4, 1L, 0, 10_000, -5.0, 10, 0,
                Duration.ofSeconds(1));
        List<Double> means = new ArrayList<>();

        RunSummary summary = new Simulator(settings, Environments.named(Environments.BANDIT),
                new Policies(snapshot(bandit, 0)), new Steps(), (e, s, r, l, v, m) -> means.add(m)).run();

        assertTrue(summary.reachedTarget());
        assertEquals(10, summary.stoppedAtSteps(), "the window of 10 fills, and any mean beats -5");
        assertEquals(13, summary.episodes(), "the three episodes under way when it stopped are played out");
        assertFalse(Double.isNaN(summary.meanReturn()));
        assertEquals(13, means.size());
    }

    private static SimulatorSettings settings(int environments, long episodes, int stepsPerVersion) {
        return new SimulatorSettings("cartpole", "sim", environments, 1L, episodes, 0, Double.NaN, 100,
                stepsPerVersion, Duration.ofSeconds(1));
    }

    static PolicySnapshot snapshot(ModelSpec spec, long version) {
        return PolicySnapshot.newBuilder()
                .setModelId(spec.getModelId())
                .setVersion(version)
                .setSpec(spec)
                .setPolicyParameters(Vectors.toList(ModelSpecs.bind(spec).initialParameters().theta()))
                .setValueParameters(List.of())
                .setEpisodesConsumed(0L)
                .setStepsConsumed(0L)
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    /** Policies in memory: the newest is whatever the test set last. */
    static final class Policies implements PolicySource {
        volatile PolicySnapshot current;
        final List<Long> awaited = new ArrayList<>();

        Policies(PolicySnapshot first) {
            this.current = first;
        }

        @Override
        public PolicySnapshot latest() {
            return current;
        }

        @Override
        public PolicySnapshot awaitNewerThan(long version, Duration timeout) {
            awaited.add(version);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (current.getVersion() > version) {
                    return current;
                }
                Thread.onSpinWait();
            }
            return null;
        }
    }

    /** Steps in memory, in publication order. */
    static final class Steps implements StepSink {
        final List<Step> published = new ArrayList<>();
        java.util.function.IntConsumer onPublish = count -> { };

        @Override
        public void publish(Step step) {
            published.add(step);
            onPublish.accept(published.size());
        }

        @Override
        public void flush() {
        }

        List<List<Step>> byEpisode() {
            return new ArrayList<>(published.stream().collect(Collectors.groupingBy(Step::getEpisodeId,
                    java.util.LinkedHashMap::new, Collectors.toList())).values());
        }
    }
}
