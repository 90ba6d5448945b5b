package io.policystreams.simulator.runtime;

import io.policystreams.binding.Actions;
import io.policystreams.binding.Actor;
import io.policystreams.binding.Vectors;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Runs N environments in lockstep from the latest policy of a model and publishes every step, with the
 * behaviour log-prob and the policy version that acted. A newer policy is picked up between steps, without a
 * restart. Once a stopping rule holds, no episode starts and the ones under way are played to their end, so
 * every published episode is complete. Deterministic given its settings and the policy versions it sees,
 * apart from when those arrive.
 */
public final class Simulator {

    private final SimulatorSettings settings;
    private final Supplier<Environment> environments;
    private final PolicySource policies;
    private final StepSink steps;
    private final EpisodeListener listener;

    public Simulator(SimulatorSettings settings, Supplier<Environment> environments, PolicySource policies,
                     StepSink steps, EpisodeListener listener) {
        this.settings = settings;
        this.environments = environments;
        this.policies = policies;
        this.steps = steps;
        this.listener = listener;
    }

    public RunSummary run() {
        long started = System.nanoTime();
        Run run = new Run(require(policies.awaitNewerThan(-1, settings.policyTimeout()), -1));
        while (!run.allSlots(Slot.State.DONE)) {
            if (finished(run)) {
                run.stopStartingEpisodes();
                if (run.allSlots(Slot.State.DONE)) {
                    break;
                }
            }
            run.followNewerPolicy();
            run.stepEveryPlayingSlot();
        }
        steps.flush();
        return new RunSummary(run.episodesPlayed, run.stepsPlayed, run.stoppedAtSteps, run.window.mean(),
                targetReached(run.window), run.actor.version(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** One run: the environments' slots, the policy acting, the counters and the stopping rule's window. */
    private final class Run {
        private final Random seeds = new Random(settings.seed());
        private final Random sampling = new Random(settings.seed() ^ 0x5DEECE66DL);
        private final Slot[] slots = new Slot[settings.environments()];
        private final ReturnWindow window = new ReturnWindow(settings.returnWindow());
        private Actor actor;
        private long episodesPlayed;
        private long episodesStarted;
        private long stepsPlayed;
        private long stepsOnVersion;
        private long stoppedAtSteps = Long.MAX_VALUE;

        Run(PolicySnapshot first) {
            actor = new Actor(first);
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(environments.get());
                startEpisode(slots[i]);
            }
        }

        /** The stopping rule holds: a slot waiting for a newer policy will start no episode. */
        void stopStartingEpisodes() {
            stoppedAtSteps = Math.min(stoppedAtSteps, stepsPlayed);
            for (Slot slot : slots) {
                if (slot.state == Slot.State.WAITING_FOR_POLICY) {
                    slot.state = Slot.State.DONE;
                }
            }
        }

        /**
         * Acts from the newest policy: picks it up if one was published, or, when no slot is playing, waits for
         * one (after flushing the steps the learner needs to make it); the waiting slots then start episodes.
         */
        void followNewerPolicy() {
            PolicySnapshot newer = newerThan(actor, policies.latest());
            if (newer == null && noSlot(Slot.State.PLAYING)) {
                steps.flush();
                newer = require(policies.awaitNewerThan(actor.version(), settings.policyTimeout()), actor.version());
            }
            if (newer != null) {
                actor = new Actor(newer);
                stepsOnVersion = 0;
                for (Slot slot : slots) {
                    if (slot.state == Slot.State.WAITING_FOR_POLICY) {
                        startEpisode(slot);
                    }
                }
            }
        }

        /** One step of every playing environment, published; an ended episode is counted, then the slot moves on. */
        void stepEveryPlayingSlot() {
            for (Slot slot : slots) {
                if (slot.state != Slot.State.PLAYING) {
                    continue;
                }
                ActionMask mask = slot.environment.actionMask();
                Actor.Decision decision = actor.sample(slot.observation, mask, sampling);
                Transition transition = slot.environment.step(decision.action());
                steps.publish(step(slot, mask, decision, transition, actor.version()));
                stepsPlayed++;
                stepsOnVersion++;
                slot.advance(transition);
                if (transition.ended()) {
                    endEpisode(slot);
                }
            }
        }

        /** Counts the episode, then the slot stops (the rule holds), waits for a newer policy, or plays again. */
        private void endEpisode(Slot slot) {
            episodesPlayed++;
            window.add(slot.episodeReturn);
            listener.onEpisode(episodesPlayed, stepsPlayed, slot.episodeReturn, slot.t, actor.version(), window.mean());
            if (finished(this)) {
                stoppedAtSteps = Math.min(stoppedAtSteps, stepsPlayed);
                slot.state = Slot.State.DONE;
            } else if (settings.stepsPerVersion() > 0 && stepsOnVersion >= settings.stepsPerVersion()) {
                slot.state = Slot.State.WAITING_FOR_POLICY;
            } else {
                startEpisode(slot);
            }
        }

        private void startEpisode(Slot slot) {
            slot.start(settings.simulatorId() + "-" + episodesStarted++, seeds.nextLong());
        }

        boolean allSlots(Slot.State state) {
            for (Slot slot : slots) {
                if (slot.state != state) {
                    return false;
                }
            }
            return true;
        }

        private boolean noSlot(Slot.State state) {
            for (Slot slot : slots) {
                if (slot.state == state) {
                    return false;
                }
            }
            return true;
        }
    }

    private Step step(Slot slot, ActionMask mask, Actor.Decision decision, Transition transition, long version) {
        return Step.newBuilder()
                .setModelId(settings.modelId())
                .setEpisodeId(slot.episodeId)
                .setStepIndex(slot.t)
                .setObservation(Vectors.toList(slot.observation))
                .setAction(Actions.toAvro(decision.action()))
                .setActionMask(Actions.maskToAvro(mask))
                .setReward(transition.reward())
                .setTerminated(transition.terminated())
                .setTruncated(transition.truncated())
                .setNextObservation(Vectors.toList(transition.observation()))
                .setBehaviourLogProb(decision.logProb())
                .setPolicyVersion(version)
                .setEventTime(Instant.now())
                .setSimulatorId(settings.simulatorId())
                .build();
    }

    private boolean finished(Run run) {
        return (settings.maxEpisodes() > 0 && run.episodesPlayed >= settings.maxEpisodes())
                || (settings.maxSteps() > 0 && run.stepsPlayed >= settings.maxSteps())
                || targetReached(run.window);
    }

    private boolean targetReached(ReturnWindow window) {
        return !Double.isNaN(settings.targetMeanReturn()) && window.isFull()
                && window.mean() >= settings.targetMeanReturn();
    }

    private static PolicySnapshot newerThan(Actor actor, PolicySnapshot latest) {
        return latest != null && latest.getVersion() > actor.version() ? latest : null;
    }

    private PolicySnapshot require(PolicySnapshot snapshot, long after) {
        if (snapshot == null) {
            throw new IllegalStateException("no policy of model " + settings.modelId() + " newer than version "
                    + after + " within " + settings.policyTimeout() + "; is the learner running and the model "
                    + "declared?");
        }
        return snapshot;
    }

    /** One environment and its episode in progress. */
    private static final class Slot {

        /** Playing an episode; waiting for a newer policy before the next; or done for the run. */
        enum State { PLAYING, WAITING_FOR_POLICY, DONE }

        final Environment environment;
        State state;
        String episodeId;
        double[] observation;
        int t;
        double episodeReturn;

        Slot(Environment environment) {
            this.environment = environment;
        }

        void start(String id, long seed) {
            episodeId = id;
            observation = environment.reset(seed);
            t = 0;
            episodeReturn = 0.0;
            state = State.PLAYING;
        }

        void advance(Transition transition) {
            observation = transition.observation();
            episodeReturn += transition.reward();
            t++;
        }
    }
}
