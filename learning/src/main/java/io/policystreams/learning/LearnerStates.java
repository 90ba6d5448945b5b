package io.policystreams.learning;

import io.policystreams.binding.BoundModel;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.policy.algorithm.Model;
import io.policystreams.policy.algorithm.TrainingSettings;
import io.policystreams.policy.optim.Adam;
import io.policystreams.policy.optim.Optimizer;
import io.policystreams.policy.returns.RunningMeanBaseline;
import io.policystreams.schemas.AdamState;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.PolicySnapshot;
import java.time.Instant;
import java.util.List;

/** A stored LearnerState to and from the math's Model, optimiser and baseline, bit for bit. */
public final class LearnerStates {

    private LearnerStates() {
    }

    /**
     * Version 0, published at {@code publishedAt}: the spec's seeded parameters, fresh optimisers, an empty
     * baseline, nothing consumed.
     */
    public static LearnerState initial(BoundModel bound, long publishedAt) {
        BoundModel.InitialParameters parameters = bound.initialParameters();
        TrainingSettings settings = bound.settings();
        return LearnerState.newBuilder()
                .setSpec(bound.spec())
                .setVersion(0L)
                .setPolicyParameters(Vectors.toList(parameters.theta()))
                .setValueParameters(Vectors.toList(parameters.phi()))
                .setPolicyOptimizer(adamState(settings.policyOptimizer(parameters.theta().length, null)))
                .setValueOptimizer(bound.value() == null ? null
                        : adamState(settings.valueOptimizer(parameters.phi().length, null)))
                .setBaselineMean(0.0)
                .setBaselineCount(0L)
                .setEpisodesConsumed(0L)
                .setStepsConsumed(0L)
                .setLastPublishedAt(Instant.ofEpochMilli(publishedAt))
                .build();
    }

    /** The Model to update: θ, φ and their optimisers as stored, built by the model's settings. */
    public static Model model(LearnerState state, BoundModel bound) {
        TrainingSettings settings = bound.settings();
        double[] theta = Vectors.toArray(state.getPolicyParameters());
        Optimizer policyOptimizer = settings.policyOptimizer(theta.length,
                moments(state.getPolicyOptimizer(), theta.length));
        if (bound.value() == null) {
            return Model.policyOnly(bound.policy(), theta, policyOptimizer);
        }
        double[] phi = Vectors.toArray(state.getValueParameters());
        return new Model(bound.policy(), theta, policyOptimizer, bound.value(), phi,
                settings.valueOptimizer(phi.length, moments(state.getValueOptimizer(), phi.length)));
    }

    /** Stored Adam moments of a vector of {@code size}, or null when none are stored (SGD keeps none). */
    private static Adam.Moments moments(AdamState stored, int size) {
        if (stored == null) {
            return null;
        }
        if (stored.getFirstMoment().size() != size) {
            throw new IllegalStateException("stored Adam state has " + stored.getFirstMoment().size()
                    + " entries for " + size + " parameters");
        }
        return new Adam.Moments(Vectors.toArray(stored.getFirstMoment()), Vectors.toArray(stored.getSecondMoment()),
                stored.getStepCount());
    }

    /** The running-mean baseline as stored. */
    public static RunningMeanBaseline baseline(LearnerState state) {
        return RunningMeanBaseline.restore(ModelSpecs.RUNNING_MEAN_WINDOW, state.getBaselineMean(),
                state.getBaselineCount());
    }

    /** The state after an update of {@code model} published at {@code publishedAt}: version + 1, counters
     *  advanced by the batch. */
    public static LearnerState next(LearnerState state, Model model, RunningMeanBaseline baseline, int episodes,
                                    int steps, long publishedAt) {
        return LearnerState.newBuilder(state)
                .setVersion(state.getVersion() + 1)
                .setPolicyParameters(Vectors.toList(model.theta()))
                .setValueParameters(model.hasValueFunction() ? Vectors.toList(model.phi()) : state.getValueParameters())
                .setPolicyOptimizer(adamState(model.policyOptimizer()))
                .setValueOptimizer(model.hasValueFunction() ? adamState(model.valueOptimizer()) : null)
                .setBaselineMean(baseline.value())
                .setBaselineCount(baseline.count())
                .setEpisodesConsumed(state.getEpisodesConsumed() + episodes)
                .setStepsConsumed(state.getStepsConsumed() + steps)
                .setLastPublishedAt(Instant.ofEpochMilli(publishedAt))
                .build();
    }

    /**
     * Throws {@link ArithmeticException} naming the first non-finite number among the state's parameters and
     * optimiser moments: an update that overflowed must not be kept.
     */
    public static void requireFinite(LearnerState state) {
        requireFinite("policyParameters", state.getPolicyParameters());
        requireFinite("valueParameters", state.getValueParameters());
        for (AdamState adam : new AdamState[] {state.getPolicyOptimizer(), state.getValueOptimizer()}) {
            if (adam != null) {
                requireFinite("firstMoment", adam.getFirstMoment());
                requireFinite("secondMoment", adam.getSecondMoment());
            }
        }
    }

    private static void requireFinite(String field, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isFinite(values.get(i))) {
                throw new ArithmeticException(field + "[" + i + "] is " + values.get(i) + " after the update");
            }
        }
    }

    private static AdamState adamState(Optimizer optimizer) {
        if (!(optimizer instanceof Adam adam)) {
            return null;
        }
        return new AdamState(Vectors.toList(adam.firstMoment()), Vectors.toList(adam.secondMoment()),
                adam.stepCount());
    }

    /** The snapshot simulators act from. */
    public static PolicySnapshot snapshot(String modelId, LearnerState state, long createdAtMillis) {
        return PolicySnapshot.newBuilder()
                .setModelId(modelId)
                .setVersion(state.getVersion())
                .setSpec(state.getSpec())
                .setPolicyParameters(state.getPolicyParameters())
                .setValueParameters(state.getValueParameters())
                .setEpisodesConsumed(state.getEpisodesConsumed())
                .setStepsConsumed(state.getStepsConsumed())
                .setCreatedAt(Instant.ofEpochMilli(createdAtMillis))
                .build();
    }
}
