package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.PpoClipLoss;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.loss.ValueLoss;
import io.policystreams.policy.returns.AdvantageNormalization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * PPO-clip (Schulman et al. 2017, Algorithm 1) as in cleanrl's {@code ppo.py}: GAE advantages and λ-return
 * targets from V before the update; then for each epoch, shuffled minibatches with advantages standardised
 * per minibatch, a step on the clipped surrogate − β·H + c_v·½(V − target)². The ratio is taken against the
 * behaviour log-prob each step carries, so stale steps are corrected and bounded by the same clip.
 */
public final class Ppo {

    private final TrainingSettings settings;

    public Ppo(TrainingSettings settings) {
        this.settings = settings;
    }

    /** Updates model in place from the batch; {@code shuffle} orders the minibatches. Modified: shuffle. */
    public UpdateStatistics update(Model model, List<Trajectory> trajectories, Random shuffle) {
        Batch batch = new Batch(model, trajectories);
        List<TrainingSample> samples = GaeSamples.build(model, batch, settings);
        double explainedVariance = batch.explainedVariance(model, samples);
        int minibatchSize = settings.minibatchSize() == 0 ? samples.size()
                : Math.min(settings.minibatchSize(), samples.size());
        PpoClipLoss clipLoss = new PpoClipLoss(settings.clipEpsilon(), settings.entropyCoefficient());
        ValueLoss valueLoss = new ValueLoss(settings.valueCoefficient());

        GradientStep.Totals totals = new GradientStep.Totals();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(samples, shuffle);
            for (int start = 0; start < samples.size(); start += minibatchSize) {
                int end = Math.min(start + minibatchSize, samples.size());
                List<TrainingSample> minibatch = samples.subList(start, end);
                GradientStep.apply(model, normalized(minibatch), clipLoss::evaluate, valueLoss,
                        settings.maxGradNorm(), totals);
            }
        }
        return batch.statistics(totals, explainedVariance);
    }

    private List<TrainingSample> normalized(List<TrainingSample> minibatch) {
        if (!settings.normalizeAdvantages() || minibatch.size() < 2) {
            return minibatch;
        }
        double[] advantages = minibatch.stream().mapToDouble(TrainingSample::advantage).toArray();
        double[] standardized = AdvantageNormalization.normalize(advantages);
        List<TrainingSample> result = new ArrayList<>(minibatch.size());
        for (int i = 0; i < standardized.length; i++) {
            result.add(minibatch.get(i).withAdvantage(standardized[i]));
        }
        return result;
    }
}
