package io.policystreams.binding;

import io.policystreams.policy.algorithm.TrainingSettings;
import io.policystreams.policy.distribution.GaussianPolicy;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import io.policystreams.policy.optim.Optimizer;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BaselineKind;
import io.policystreams.schemas.ContinuousActionSpace;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.policy.distribution.ExplorationMixture;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Binds a ModelSpec to the policy library, the one place learner and simulators do it. An invalid spec raises
 * {@link IllegalArgumentException} with a message naming the field, for the learner to dead-letter.
 */
public final class ModelSpecs {

    /** Window of the running-mean baseline; not (yet) a spec field. */
    public static final long RUNNING_MEAN_WINDOW = 100;
    /** Most parameters (θ and φ together) a spec may have: 128 MiB a vector, whatever the topics accept. */
    public static final long MAX_PARAMETERS = 1L << 24;
    /** Most PPO epochs a spec may ask for: each pass costs a full batch of gradients. */
    public static final int MAX_EPOCHS = 1_000;
    /** Bound of |initialLogStd|: σ = e^20 or e^-20 is already far outside any useful policy. */
    public static final double MAX_ABS_LOG_STD = 20.0;
    /** Room for a snapshot's or learner state's fields other than the spec and the parameter vectors. */
    private static final long RECORD_FIELDS_BYTES = 512;

    private ModelSpecs() {
    }

    /** The spec for the learner: its policy, value function and training settings, every field checked. */
    public static BoundModel bind(ModelSpec spec) {
        int observationSize = requireObservationSize(spec);
        Hyperparameters h = spec.getHyperparameters();
        checkLearnerSettings(h);
        long parameters = parameterCount(spec);
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("the networks have " + parameters + " parameters, over the limit of "
                    + MAX_PARAMETERS);
        }
        ValueFunction value = spec.getValueNetwork() == null ? null
                : new ValueFunction(network(observationSize, spec.getValueNetwork(), 1, "valueNetwork"));
        if (value == null && (spec.getAlgorithm() != Algorithm.REINFORCE
                || h.getBaseline() == BaselineKind.LEARNED_VALUE)) {
            throw new IllegalArgumentException(spec.getAlgorithm() + " with baseline " + h.getBaseline()
                    + " needs a valueNetwork");
        }
        exploration(spec);
        return new BoundModel(spec, policy(spec), value, settings(h));
    }

    private static void checkLearnerSettings(Hyperparameters h) {
        if (h.getEpochs() > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be <= " + MAX_EPOCHS + ", was " + h.getEpochs());
        }
        if (h.getBatchEpisodes() < 0 || h.getBatchSteps() < 0 || h.getBatchEpisodes() + h.getBatchSteps() == 0) {
            throw new IllegalArgumentException("batchEpisodes and batchSteps must be >= 0 and not both 0, were "
                    + h.getBatchEpisodes() + " and " + h.getBatchSteps());
        }
        if (h.getMaxVersionLag() < 0) {
            throw new IllegalArgumentException("maxVersionLag must be >= 0, was " + h.getMaxVersionLag());
        }
        if (h.getRewardWaitMs() < 0) {
            throw new IllegalArgumentException("rewardWaitMs must be >= 0 (0: the learner's reward.wait.ms), was "
                    + h.getRewardWaitMs());
        }
        if (!Double.isFinite(h.getDefaultReward())) {
            throw new IllegalArgumentException("defaultReward must be finite, was " + h.getDefaultReward());
        }
        new ExplorationMixture(h.getExplorationEpsilon(), h.getTemperature());
    }

    /**
     * The actors' exploration around the spec's policy ({@link ExplorationMixture}); none for continuous actions.
     *
     * @throws IllegalArgumentException for exploration outside its domain, or on a continuous action space
     */
    public static ExplorationMixture exploration(ModelSpec spec) {
        Hyperparameters h = spec.getHyperparameters();
        ExplorationMixture exploration = new ExplorationMixture(h.getExplorationEpsilon(), h.getTemperature());
        if (!exploration.isNone() && !(spec.getActionSpace() instanceof DiscreteActionSpace)) {
            throw new IllegalArgumentException("explorationEpsilon and temperature apply to discrete actions only, "
                    + "were " + h.getExplorationEpsilon() + " and " + h.getTemperature());
        }
        return exploration;
    }

    /**
     * θ and φ's sizes together, computed from the spec alone in long arithmetic, so that a spec whose networks
     * could not even be allocated is refused before anything is. Sizes below 1 count as 1 (they are refused later).
     */
    public static long parameterCount(ModelSpec spec) {
        long inputs = Math.max(1, spec.getObservationSize());
        long count;
        if (spec.getActionSpace() instanceof DiscreteActionSpace discrete) {
            count = networkParameters(inputs, spec.getPolicyNetwork(), Math.max(1, discrete.getN()));
        } else {
            long dimension = Math.max(1, ((ContinuousActionSpace) spec.getActionSpace()).getDimension());
            count = networkParameters(inputs, spec.getPolicyNetwork(), dimension) + dimension;
        }
        if (spec.getValueNetwork() != null) {
            count += networkParameters(inputs, spec.getValueNetwork(), 1);
        }
        return count;
    }

    /** Σ_l (n_{l−1}·n_l + n_l) over the layers input → hidden... → outputs; saturates rather than overflows. */
    private static long networkParameters(long inputs, NetworkArchitecture architecture, long outputs) {
        long count = 0;
        long previous = inputs;
        for (int width : architecture.getHiddenSizes()) {
            long n = Math.max(1, width);
            count = Math.min(Long.MAX_VALUE / 4, count + previous * n + n);
            previous = n;
        }
        return Math.min(Long.MAX_VALUE / 4, count + previous * outputs + outputs);
    }

    /** An upper bound of the Avro size of a PolicySnapshot of {@code spec}: the spec, θ and φ, and its fields. */
    public static long snapshotBytes(ModelSpec spec) {
        return encodedSize(spec) + 8 * parameterCount(spec) + 4L * spec.getModelId().length() + RECORD_FIELDS_BYTES;
    }

    /** An upper bound of the Avro size of the learner's state of {@code spec}: a snapshot's, plus Adam's m and v. */
    public static long learnerStateBytes(ModelSpec spec) {
        return snapshotBytes(spec) + 2 * 8 * parameterCount(spec);
    }

    private static long encodedSize(ModelSpec spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<>(ModelSpec.class).write(spec, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode spec " + spec.getModelId(), e);
        }
        return out.size();
    }

    private static int requireObservationSize(ModelSpec spec) {
        if (spec.getObservationSize() < 1) {
            throw new IllegalArgumentException("observationSize must be >= 1, was " + spec.getObservationSize());
        }
        return spec.getObservationSize();
    }

    /**
     * The spec for an actor: its policy alone, the fields it reads checked. No value network is built and no
     * learner setting read: acting needs neither.
     */
    public static StochasticPolicy policy(ModelSpec spec) {
        requireObservationSize(spec);
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
        double logStd = spec.getHyperparameters().getInitialLogStd();
        if (!(Math.abs(logStd) <= MAX_ABS_LOG_STD)) {
            throw new IllegalArgumentException("initialLogStd must be in [-" + MAX_ABS_LOG_STD + ", "
                    + MAX_ABS_LOG_STD + "], was " + logStd);
        }
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
        return TrainingSettings.builder()
                .optimizer(Optimizer.Kind.valueOf(h.getOptimizer().name()))
                .learningRate(h.getLearningRate())
                .valueLearningRate(h.getValueLearningRate())
                .gamma(h.getGamma())
                .lambda(h.getGaeLambda())
                .entropyCoefficient(h.getEntropyCoefficient())
                .valueCoefficient(h.getValueCoefficient())
                .clipEpsilon(h.getClipEpsilon())
                .epochs(h.getEpochs())
                .minibatchSize(h.getMinibatchSize())
                .normalizeAdvantages(h.getNormalizeAdvantages())
                .discountWeighting(h.getDiscountWeighting())
                .baseline(TrainingSettings.Baseline.valueOf(h.getBaseline().name()))
                .baselineWindow(RUNNING_MEAN_WINDOW)
                .rhoBar(h.getRhoBar())
                .cBar(h.getCBar())
                .maxGradNorm(h.getMaxGradNorm())
                .rewardScale(h.getRewardScale())
                .build();
    }
}
