package io.policystreams.learning;

import io.policystreams.schemas.ContinuousAction;
import io.policystreams.schemas.ContinuousActionSpace;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules a step must satisfy before it joins an episode, checked against the spec of its model as published.
 * The first broken rule is returned as a reason that names the field, the value and the bound.
 */
public final class StepRules {

    /** The setting that bounds an episode's length, read by the learner and by replay. */
    public static final String MAX_EPISODE_STEPS_SETTING = "episode.max.steps";
    public static final int DEFAULT_MAX_EPISODE_STEPS = 100_000;

    private final int maxEpisodeSteps;

    public StepRules(int maxEpisodeSteps) {
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps must be >= 1, was " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** Why a step's ids are unusable; empty if both are valid ids ({@link Ids}). Needs no spec. */
    public static Optional<String> idViolation(Step step) {
        return Ids.violation("episodeId", step.getEpisodeId()).or(() -> Ids.violation("modelId", step.getModelId()));
    }

    /** Why {@code step}, read under {@code key}, is invalid for {@code spec}; empty if it is valid. */
    public Optional<String> violation(String key, Step step, ModelSpec spec) {
        return idViolation(step).or(() -> firstBroken(
                () -> keyAndIndex(key, step),
                () -> vector("observation", step.getObservation(), spec.getObservationSize()),
                () -> step.getNextObservation() == null ? null
                        : vector("nextObservation", step.getNextObservation(), spec.getObservationSize()),
                () -> truncatedWithoutNextObservation(step),
                () -> action(step, spec.getActionSpace()),
                () -> numbers(step)));
    }

    /** The reason of the first rule, in order, that does not hold (a rule gives null when it holds). */
    @SafeVarargs
    private static Optional<String> firstBroken(Supplier<String>... rules) {
        return Arrays.stream(rules).map(Supplier::get).filter(Objects::nonNull).findFirst();
    }

    private static String truncatedWithoutNextObservation(Step step) {
        return step.getTruncated() && !step.getTerminated() && step.getNextObservation() == null
                ? "a truncated step needs nextObservation, to bootstrap V(s_T)" : null;
    }

    private String keyAndIndex(String key, Step step) {
        if (!step.getEpisodeId().equals(key)) {
            return "the record key must be the episode id " + step.getEpisodeId() + ", was " + key;
        }
        if (step.getStepIndex() < 0 || step.getStepIndex() >= maxEpisodeSteps) {
            return "stepIndex must be in [0, " + maxEpisodeSteps + ") (episode.max.steps), was " + step.getStepIndex();
        }
        if (step.getPolicyVersion() < 0) {
            return "policyVersion must be >= 0, was " + step.getPolicyVersion();
        }
        return null;
    }

    private static String vector(String field, List<Double> values, int size) {
        if (values.size() != size) {
            return field + " must have " + size + " entries (the model's observationSize), had " + values.size();
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(values.get(i))) {
                return field + "[" + i + "] must be finite, was " + values.get(i);
            }
        }
        return null;
    }

    private static String action(Step step, Object space) {
        Object action = step.getAction();
        if (space instanceof DiscreteActionSpace discrete) {
            if (!(action instanceof DiscreteAction a)) {
                return "the model's action space is discrete, the action is continuous";
            }
            if (a.getIndex() < 0 || a.getIndex() >= discrete.getN()) {
                return "action index must be in [0, " + discrete.getN() + "), was " + a.getIndex();
            }
            String mask = mask(step.getActionMask(), discrete.getN(), a.getIndex());
            if (mask != null) {
                return mask;
            }
            // A probability's log: a density's (continuous actions) may be positive.
            if (step.getBehaviourLogProb() > 0.0) {
                return "behaviourLogProb of a discrete action must be <= 0, was " + step.getBehaviourLogProb();
            }
            return null;
        }
        ContinuousActionSpace continuous = (ContinuousActionSpace) space;
        if (!(action instanceof ContinuousAction a)) {
            return "the model's action space is continuous, the action is discrete";
        }
        if (step.getActionMask() != null) {
            return "actionMask applies to discrete actions only; the model's action space is continuous";
        }
        if (a.getValues().size() != continuous.getDimension()) {
            return "action must have " + continuous.getDimension() + " entries, had " + a.getValues().size();
        }
        return vector("action", a.getValues(), continuous.getDimension());
    }

    /** A mask, when present, covers the n actions, allows at least one, and allows the one taken. */
    private static String mask(List<Boolean> allowed, int n, int taken) {
        if (allowed == null) {
            return null;
        }
        if (allowed.size() != n) {
            return "actionMask must have " + n + " entries (the model's action count), had " + allowed.size();
        }
        if (!allowed.contains(Boolean.TRUE)) {
            return "actionMask must allow at least one action";
        }
        if (!allowed.get(taken)) {
            return "action " + taken + " is not allowed by the step's actionMask";
        }
        return null;
    }

    /** An upper bound of the step's Avro encoding: 8 bytes a double, the strings, 10 per varint or flag. */
    public static long encodedSize(Step step) {
        long doubles = step.getObservation().size() + 2L
                + (step.getNextObservation() == null ? 0 : step.getNextObservation().size())
                + (step.getAction() instanceof ContinuousAction a ? a.getValues().size() : 0)
                + (step.getActionMask() == null ? 0 : (step.getActionMask().size() + 7) / 8);
        long strings = step.getModelId().length() + step.getEpisodeId().length()
                + (step.getSimulatorId() == null ? 0 : step.getSimulatorId().length());
        return 8 * doubles + 4 * strings + 10 * 12;
    }

    private static String numbers(Step step) {
        if (!Double.isFinite(step.getReward())) {
            return "reward must be finite, was " + step.getReward();
        }
        if (!Double.isFinite(step.getBehaviourLogProb())) {
            return "behaviourLogProb must be finite, was " + step.getBehaviourLogProb();
        }
        return null;
    }
}
