package io.policystreams.simulator.runtime;

import io.policystreams.binding.Actions;
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
        Random seeds = new Random(settings.seed());
        Random sampling = new Random(settings.seed() ^ 0x5DEECE66DL);
        Actor actor = new Actor(require(policies.awaitNewerThan(-1, settings.policyTimeout()), -1));
        Slot[] slots = new Slot[settings.environments()];
        ReturnWindow window = new ReturnWindow(settings.returnWindow());
        Counters counters = new Counters();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(environments.get());
            slots[i].start(nextEpisodeId(counters), seeds.nextLong());
        }

        while (!allDone(slots)) {
            if (finished(counters, window)) {
                counters.stoppedAtSteps = Math.min(counters.stoppedAtSteps, counters.steps);
                for (Slot slot : slots) {
                    slot.done |= slot.waiting;
                }
                if (allDone(slots)) {
                    break;
                }
            }
            PolicySnapshot newer = newerThan(actor, policies.latest());
            if (newer == null && allIdle(slots)) {
                steps.flush();
                newer = require(policies.awaitNewerThan(actor.version(), settings.policyTimeout()), actor.version());
            }
            if (newer != null) {
                actor = new Actor(newer);
                counters.stepsOnVersion = 0;
                for (Slot slot : slots) {
                    if (slot.waiting && !slot.done) {
                        slot.start(nextEpisodeId(counters), seeds.nextLong());
                    }
                }
            }
            for (Slot slot : slots) {
                if (slot.waiting || slot.done) {
                    continue;
                }
                ActionMask mask = slot.environment.actionMask();
                Actor.Decision decision = actor.sample(slot.observation, mask, sampling);
                Transition transition = slot.environment.step(decision.action());
                steps.publish(step(slot, mask, decision, transition, actor.version()));
                counters.steps++;
                counters.stepsOnVersion++;
                slot.advance(transition);
                if (transition.ended()) {
                    counters.episodes++;
                    window.add(slot.episodeReturn);
                    listener.onEpisode(counters.episodes, counters.steps, slot.episodeReturn, slot.t,
                            actor.version(), window.mean());
                    if (finished(counters, window)) {
                        counters.stoppedAtSteps = Math.min(counters.stoppedAtSteps, counters.steps);
                        slot.done = true;
                    } else if (settings.stepsPerVersion() > 0
                            && counters.stepsOnVersion >= settings.stepsPerVersion()) {
                        slot.waiting = true;
                    } else {
                        slot.start(nextEpisodeId(counters), seeds.nextLong());
                    }
                }
            }
        }
        steps.flush();
        return new RunSummary(counters.episodes, counters.steps, counters.stoppedAtSteps, window.mean(),
                targetReached(window), actor.version(), Duration.ofNanos(System.nanoTime() - started));
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

    private boolean finished(Counters counters, ReturnWindow window) {
        return (settings.maxEpisodes() > 0 && counters.episodes >= settings.maxEpisodes())
                || (settings.maxSteps() > 0 && counters.steps >= settings.maxSteps())
                || targetReached(window);
    }

    private boolean targetReached(ReturnWindow window) {
        return !Double.isNaN(settings.targetMeanReturn()) && window.isFull()
                && window.mean() >= settings.targetMeanReturn();
    }

    private static PolicySnapshot newerThan(Actor actor, PolicySnapshot latest) {
        return latest != null && latest.getVersion() > actor.version() ? latest : null;
    }

    private static boolean allDone(Slot[] slots) {
        for (Slot slot : slots) {
            if (!slot.done) {
                return false;
            }
        }
        return true;
    }

    /** No slot is playing an episode: each waits for a newer policy or is done. */
    private static boolean allIdle(Slot[] slots) {
        for (Slot slot : slots) {
            if (!slot.waiting && !slot.done) {
                return false;
            }
        }
        return true;
    }

    private PolicySnapshot require(PolicySnapshot snapshot, long after) {
        if (snapshot == null) {
            throw new IllegalStateException("no policy of model " + settings.modelId() + " newer than version "
                    + after + " within " + settings.policyTimeout() + "; is the learner running and the model "
                    + "declared?");
        }
        return snapshot;
    }

    private String nextEpisodeId(Counters counters) {
        return settings.simulatorId() + "-" + counters.episodesStarted++;
    }

    /** One environment and its episode in progress. */
    private static final class Slot {
        final Environment environment;
        String episodeId;
        double[] observation;
        int t;
        double episodeReturn;
        boolean waiting;
        boolean done;

        Slot(Environment environment) {
            this.environment = environment;
        }

        void start(String id, long seed) {
            episodeId = id;
            observation = environment.reset(seed);
            t = 0;
            episodeReturn = 0.0;
            waiting = false;
        }

        void advance(Transition transition) {
            observation = transition.observation();
            episodeReturn += transition.reward();
            t++;
        }
    }

    private static final class Counters {
        long episodes;
        long episodesStarted;
        long steps;
        long stepsOnVersion;
        long stoppedAtSteps = Long.MAX_VALUE;
    }
}
