package io.policystreams.replay;

import io.policystreams.binding.Actions;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.evaluation.LoggedEpisode;
import io.policystreams.policy.evaluation.OffPolicyEvaluation;
import io.policystreams.replay.episodes.OfflineEpisodes;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The value of a candidate policy (a {@link PolicySnapshot}) estimated on recorded episodes of another policy:
 * per-decision and weighted importance sampling, with ρ_t = π(a_t|s_t) / μ(a_t|s_t) from the candidate's
 * log-probability and each step's recorded behaviour log-prob; and, for comparison, the behaviour policy's own
 * mean return on the same episodes. A truncated episode contributes its rewards up to the truncation.
 */
public final class OfflineEvaluation {

    /**
     * @param perDecision per-decision importance sampling, with its normal 95% interval
     * @param weighted    weighted importance sampling, with its bootstrap 95% interval
     * @param behaviour   the mean discounted return of the logged episodes: the behaviour policy's value
     */
    public record Result(PolicySnapshot candidate, double gamma, OffPolicyEvaluation.Estimate perDecision,
                         OffPolicyEvaluation.Estimate weighted, OffPolicyEvaluation.Estimate behaviour,
                         long recordsRead, OfflineEpisodes episodes) {
    }

    private OfflineEvaluation() {
    }

    /**
     * @param gamma     the discount of the estimated value; NaN for the candidate spec's γ
     * @param resamples bootstrap resamples of the weighted estimate's interval
     * @param seed      seed of the bootstrap
     */
    public static Result run(PolicySnapshot candidate, String sourceModelId, StepLog log, int maxEpisodeSteps,
                             double gamma, int resamples, long seed, Consumer<Long> progress) {
        double discount = Double.isNaN(gamma) ? candidate.getSpec().getHyperparameters().getGamma() : gamma;
        StochasticPolicy policy = ModelSpecs.policy(candidate.getSpec());
        double[] theta = Vectors.toArray(candidate.getPolicyParameters());
        OfflineEpisodes assembler = new OfflineEpisodes(sourceModelId, candidate.getSpec(), maxEpisodeSteps);
        List<LoggedEpisode> underCandidate = new ArrayList<>();
        List<LoggedEpisode> underBehaviour = new ArrayList<>();
        long records = 0;
        for (LoggedStep record = log.next(); record != null; record = log.next()) {
            records++;
            Episode episode = assembler.add(record);
            if (episode != null) {
                List<Step> steps = episode.getSteps();
                double[] rewards = new double[steps.size()];
                double[] logRatios = new double[steps.size()];
                for (int t = 0; t < rewards.length; t++) {
                    Step step = steps.get(t);
                    rewards[t] = step.getReward();
                    logRatios[t] = policy.logProb(theta, Vectors.toArray(step.getObservation()),
                            Actions.maskFromAvro(step.getActionMask()), Actions.fromAvro(step.getAction()))
                            - step.getBehaviourLogProb();
                }
                underCandidate.add(new LoggedEpisode(rewards, logRatios));
                underBehaviour.add(new LoggedEpisode(rewards, new double[rewards.length]));
            }
            progress.accept(records);
        }
        if (underCandidate.isEmpty()) {
            throw new IllegalArgumentException("no complete episode of model " + sourceModelId + " in "
                    + log.description() + " (" + assembler.rejections().count() + " records rejected, "
                    + assembler.incomplete() + " episodes incomplete)");
        }
        return new Result(candidate, discount, OffPolicyEvaluation.perDecision(underCandidate, discount),
                OffPolicyEvaluation.weighted(underCandidate, discount, resamples, new Random(seed)),
                OffPolicyEvaluation.perDecision(underBehaviour, discount), records, assembler);
    }
}
