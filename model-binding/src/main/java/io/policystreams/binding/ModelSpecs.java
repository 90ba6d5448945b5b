package io.policystreams.binding;

import io.policystreams.policy.algorithm.TrainingSettings;
import io.policystreams.policy.distribution.GaussianPolicy;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BaselineKind;
import io.policystreams.schemas.ContinuousActionSpace;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.util.List;

/**
 * Binds a ModelSpec to the policy library, the one place learner and simulators do it. An invalid spec raises
 * {@link IllegalArgumentException} with a message naming the field, for the learner to dead-letter.
 */
public final class ModelSpecs {

    /** Window of the running-mean baseline; not (yet) a spec field. */
    public static final long RUNNING_MEAN_WINDOW = 100;

    private ModelSpecs() {
    }

    public static BoundModel bind(ModelSpec spec) {
        int observationSize = spec.getObservationSize();
        if (observationSize < 1) {
            throw new IllegalArgumentException("observationSize must be >= 1, was " + observationSize);
        }
        Hyperparameters h = spec.getHyperparameters();
        checkLearnerSettings(h);
        ValueFunction value = spec.getValueNetwork() == null ? null
                : new ValueFunction(network(observationSize, spec.getValueNetwork(), 1, "valueNetwork"));
        if (value == null && (spec.getAlgorithm() != Algorithm.REINFORCE
                || h.getBaseline() == BaselineKind.LEARNED_VALUE)) {
            throw new IllegalArgumentException(spec.getAlgorithm() + " with baseline " + h.getBaseline()
                    + " needs a valueNetwork");
        }
        return new BoundModel(spec, policy(spec), value, settings(h));
    }

    private static void checkLearnerSettings(Hyperparameters h) {
        if (!(h.getLearningRate() > 0.0) || !(h.getValueLearningRate() > 0.0)) {
            throw new IllegalArgumentException("learningRate and valueLearningRate must be > 0, were "
                    + h.getLearningRate() + " and " + h.getValueLearningRate());
        }
        if (h.getBatchEpisodes() < 0 || h.getBatchSteps() < 0 || h.getBatchEpisodes() + h.getBatchSteps() == 0) {
            throw new IllegalArgumentException("batchEpisodes and batchSteps must be >= 0 and not both 0, were "
                    + h.getBatchEpisodes() + " and " + h.getBatchSteps());
        }
        if (h.getMaxVersionLag() < 0) {
            throw new IllegalArgumentException("maxVersionLag must be >= 0, was " + h.getMaxVersionLag());
        }
    }

    private static StochasticPolicy policy(ModelSpec spec) {
        Object space = spec.getActionSpace();
        if (space instanceof DiscreteActionSpace discrete) {
            if (discrete.getN() < 2) {
                throw new IllegalArgumentException("actionSpace.n must be >= 2, was " + discrete.getN());
            }
            return new SoftmaxPolicy(network(spec.getObservationSize(), spec.getPolicyNetwork(), discrete.getN(),
                    "policyNetwork"));
        }
        ContinuousActionSpace continuous = (ContinuousActionSpace) space;
        checkBounds(continuous);
        return new GaussianPolicy(network(spec.getObservationSize(), spec.getPolicyNetwork(),
                continuous.getDimension(), "policyNetwork"), spec.getHyperparameters().getInitialLogStd());
    }

    private static void checkBounds(ContinuousActionSpace space) {
        int dimension = space.getDimension();
        if (dimension < 1) {
            throw new IllegalArgumentException("actionSpace.dimension must be >= 1, was " + dimension);
        }
        List<Double> low = space.getLow();
        List<Double> high = space.getHigh();
        if (low.size() != dimension || high.size() != dimension) {
            throw new IllegalArgumentException("actionSpace.low and .high must have " + dimension
                    + " entries, had " + low.size() + " and " + high.size());
        }
        for (int i = 0; i < dimension; i++) {
            if (Double.isNaN(low.get(i)) || Double.isNaN(high.get(i)) || !(low.get(i) < high.get(i))) {
                throw new IllegalArgumentException("actionSpace bounds must have low < high, dimension " + i
                        + " has [" + low.get(i) + ", " + high.get(i) + "]");
            }
        }
    }

    private static FeedForwardNetwork network(int inputs, NetworkArchitecture architecture, int outputs,
                                              String field) {
        int[] hidden = architecture.getHiddenSizes().stream().mapToInt(Integer::intValue).toArray();
        for (int width : hidden) {
            if (width < 1) {
                throw new IllegalArgumentException(field + ".hiddenSizes must be >= 1 each, was "
                        + architecture.getHiddenSizes());
            }
        }
        return FeedForwardNetwork.mlp(inputs, hidden, Activation.valueOf(architecture.getActivation().name()),
                outputs);
    }

    /** The algorithm settings; TrainingSettings rejects out-of-range values with the field's name. */
    static TrainingSettings settings(Hyperparameters h) {
        return new TrainingSettings(h.getGamma(), h.getGaeLambda(), h.getEntropyCoefficient(),
                h.getValueCoefficient(), h.getClipEpsilon(), h.getEpochs(), h.getMinibatchSize(),
                h.getNormalizeAdvantages(), h.getDiscountWeighting(),
                TrainingSettings.Baseline.valueOf(h.getBaseline().name()), RUNNING_MEAN_WINDOW, h.getRhoBar(),
                h.getCBar(), h.getMaxGradNorm(), h.getRewardScale());
    }
}
