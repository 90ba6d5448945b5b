package io.policystreams.learning;

import io.policystreams.binding.BoundModel;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Trajectories;
import io.policystreams.policy.Trajectory;
import io.policystreams.policy.algorithm.ActorCritic;
import io.policystreams.policy.algorithm.Model;
import io.policystreams.policy.algorithm.Ppo;
import io.policystreams.policy.algorithm.Reinforce;
import io.policystreams.policy.algorithm.UpdateStatistics;
import io.policystreams.policy.returns.RunningMeanBaseline;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One learner update, as a pure function: a model's stored state and a batch of episodes in, the next state
 * (version + 1), its snapshot and the training report out. The same inputs give bit-identical outputs: PPO's
 * minibatch order comes from a Random seeded by the spec's seed and the version. An update whose parameters,
 * optimiser moments or statistics are not finite throws {@link ArithmeticException}: it must not be kept.
 */
public final class PolicyTrainer {

    private PolicyTrainer() {
    }

    /** What an update produced. */
    public record Outcome(LearnerState state, PolicySnapshot snapshot, TrainingReport report) {
    }

    /**
     * The live learner's update.
     *
     * @param batch              the pending episodes in arrival order; steps lagging more than maxVersionLag
     *                           are dropped
     * @param droppedBeforeBatch stale steps already dropped before they reached the batch, for the report
     * @param createdAt          the time to stamp on snapshot and report (the triggering record's timestamp)
     */
    public static Outcome update(String modelId, LearnerState state, List<Episode> batch, int droppedBeforeBatch,
                                 long createdAt) {
        long maxLag = state.getSpec().getHyperparameters().getMaxVersionLag();
        Staleness staleness = new Staleness(state.getVersion(), droppedBeforeBatch);
        List<List<Step>> trained = new ArrayList<>();
        for (Episode episode : batch) {
            List<Step> fresh = StaleSteps.fresh(episode.getSteps(), state.getVersion(), maxLag);
            staleness.add(episode.getSteps().size() - fresh.size(), fresh);
            trained.add(fresh);
        }
        return train(modelId, state, trained, staleness, createdAt);
    }

    /**
     * An update from recorded episodes of another model (replay): every step is trained on, whatever its policy
     * version, since those versions number the behaviour model's policies, not this one's; the off-policy
     * correction comes from each step's behaviour log-prob. Staleness is reported as 0.
     */
    public static Outcome replay(String modelId, LearnerState state, List<Episode> batch, long createdAt) {
        List<List<Step>> trained = new ArrayList<>();
        for (Episode episode : batch) {
            trained.add(episode.getSteps());
        }
        return train(modelId, state, trained, new Staleness(state.getVersion(), 0), createdAt);
    }

    private static Outcome train(String modelId, LearnerState state, List<List<Step>> episodes, Staleness staleness,
                                 long createdAt) {
        BoundModel bound = ModelSpecs.bind(state.getSpec());
        List<Trajectory> trajectories = new ArrayList<>();
        for (List<Step> steps : episodes) {
            if (!steps.isEmpty()) {
                trajectories.add(Trajectories.fromSteps(steps));
            }
        }
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one episode with fresh steps");
        }

        Model model = LearnerStates.model(state, bound);
        RunningMeanBaseline baseline = LearnerStates.baseline(state);
        UpdateStatistics statistics = switch (state.getSpec().getAlgorithm()) {
            case REINFORCE -> new Reinforce(bound.settings(), baseline).update(model, trajectories);
            case ACTOR_CRITIC -> new ActorCritic(bound.settings()).update(model, trajectories);
            case PPO -> new Ppo(bound.settings()).update(model, trajectories, shuffle(state));
        };

        LearnerState next = LearnerStates.next(state, model, baseline, trajectories.size(), statistics.steps(),
                createdAt);
        LearnerStates.requireFinite(next);
        requireFinite(statistics);
        return new Outcome(next, LearnerStates.snapshot(modelId, next, createdAt),
                report(modelId, next.getVersion(), statistics, staleness, createdAt));
    }

    private static void requireFinite(UpdateStatistics statistics) {
        double[] reported = {statistics.policyLoss(), statistics.valueLoss(), statistics.entropy(),
                statistics.approxKl(), statistics.gradientNorm(), statistics.meanImportanceRatio()};
        for (double value : reported) {
            if (!Double.isFinite(value)) {
                throw new ArithmeticException("the update's statistics are not finite: " + statistics);
            }
        }
    }

    /**
     * The report of an update that failed: the batch's size, why it failed, whether the model is now marked
     * failed; the statistics are 0 and the version is the one the model keeps.
     */
    public static TrainingReport failureReport(String modelId, long version, List<Episode> batch,
                                               int droppedStaleSteps, String failure, boolean modelFailed,
                                               long createdAt) {
        return TrainingReport.newBuilder()
                .setModelId(modelId)
                .setVersion(version)
                .setEpisodes(batch.size())
                .setSteps(batch.stream().mapToInt(episode -> episode.getSteps().size()).sum())
                .setDroppedStaleSteps(droppedStaleSteps)
                .setMeanReturn(0.0)
                .setMaxReturn(0.0)
                .setPolicyLoss(0.0)
                .setValueLoss(0.0)
                .setEntropy(0.0)
                .setApproxKl(0.0)
                .setGradientNorm(0.0)
                .setMeanImportanceRatio(0.0)
                .setMeanStaleness(0.0)
                .setMaxStaleness(0L)
                .setFailure(failure)
                .setModelFailed(modelFailed)
                .setCreatedAt(Instant.ofEpochMilli(createdAt))
                .build();
    }

    /** The minibatch order of the update from {@code state}: a function of seed and version only. */
    static Random shuffle(LearnerState state) {
        return new Random(state.getSpec().getSeed() ^ (0x9E3779B97F4A7C15L * (state.getVersion() + 1)));
    }

    private static TrainingReport report(String modelId, long version, UpdateStatistics statistics,
                                         Staleness staleness, long createdAt) {
        return TrainingReport.newBuilder()
                .setModelId(modelId)
                .setVersion(version)
                .setEpisodes(statistics.episodes())
                .setSteps(statistics.steps())
                .setDroppedStaleSteps(staleness.dropped)
                .setMeanReturn(statistics.meanReturn())
                .setMaxReturn(statistics.maxReturn())
                .setPolicyLoss(statistics.policyLoss())
                .setValueLoss(statistics.valueLoss())
                .setEntropy(statistics.entropy())
                .setApproxKl(statistics.approxKl())
                .setGradientNorm(statistics.gradientNorm())
                .setMeanImportanceRatio(statistics.meanImportanceRatio())
                .setEffectiveSampleSize(statistics.effectiveSampleSize())
                .setClipFraction(statistics.clipFraction())
                .setExplainedVariance(Double.isNaN(statistics.explainedVariance()) ? null
                        : statistics.explainedVariance())
                .setMeanStaleness(staleness.mean())
                .setMaxStaleness(staleness.max)
                .setCreatedAt(Instant.ofEpochMilli(createdAt))
                .build();
    }

    /** Version lag of the trained steps, and the count of dropped ones. */
    private static final class Staleness {
        private final long learnerVersion;
        private int dropped;
        private long trained;
        private long sum;
        private long max;

        Staleness(long learnerVersion, int droppedBeforeBatch) {
            this.learnerVersion = learnerVersion;
            this.dropped = droppedBeforeBatch;
        }

        void add(int droppedSteps, List<Step> fresh) {
            dropped += droppedSteps;
            for (Step step : fresh) {
                long lag = StaleSteps.lag(step, learnerVersion);
                trained++;
                sum += lag;
                max = Math.max(max, lag);
            }
        }

        double mean() {
            return trained == 0 ? 0.0 : (double) sum / trained;
        }
    }
}
