package io.policystreams.policy.algorithm;

import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.loss.PolicyLoss;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.loss.ValueLoss;
import io.policystreams.policy.optim.GradientClipping;
import java.util.List;

/** One descent step: ∇ of the policy loss (and value loss), global-norm clipping, both optimisers. */
final class GradientStep {

    /** A policy loss that accumulates its gradient: PolicyGradientLoss::evaluate or PpoClipLoss::evaluate. */
    @FunctionalInterface
    interface PolicyObjective {
        PolicyLoss evaluate(StochasticPolicy policy, double[] theta, List<TrainingSample> samples, double[] grad);
    }

    private GradientStep() {
    }

    /** Takes one step on the samples; the value loss only when the model has a value function. */
    static void apply(Model model, List<TrainingSample> samples, PolicyObjective policyObjective,
                      ValueLoss valueLoss, double maxGradNorm, Totals totals) {
        double[] policyGrad = new double[model.theta().length];
        PolicyLoss policyLoss = policyObjective.evaluate(model.policy(), model.theta(), samples, policyGrad);
        double[] valueGrad = new double[model.hasValueFunction() ? model.phi().length : 0];
        double valueLossValue = model.hasValueFunction()
                ? valueLoss.evaluate(model.value(), model.phi(), samples, valueGrad)
                : 0.0;
        double norm = maxGradNorm > 0.0
                ? GradientClipping.clipByGlobalNorm(maxGradNorm, policyGrad, valueGrad)
                : GradientClipping.globalNorm(policyGrad, valueGrad);
        model.policyOptimizer().step(model.theta(), policyGrad);
        if (model.hasValueFunction()) {
            model.valueOptimizer().step(model.phi(), valueGrad);
        }
        totals.add(policyLoss, valueLossValue, norm);
    }

    /** Sums over the gradient steps of one update. */
    static final class Totals {
        private int count;
        private double policyLoss;
        private double valueLoss;
        private double entropy;
        private double gradientNorm;
        private double lastApproxKl;
        private double clipFraction;

        void add(PolicyLoss loss, double value, double norm) {
            count++;
            clipFraction += loss.clipFraction();
            policyLoss += loss.loss();
            valueLoss += value;
            entropy += loss.entropy();
            gradientNorm += norm;
            lastApproxKl = loss.approxKl();
        }

        double meanPolicyLoss() {
            return policyLoss / count;
        }

        double meanValueLoss() {
            return valueLoss / count;
        }

        double meanEntropy() {
            return entropy / count;
        }

        double meanGradientNorm() {
            return gradientNorm / count;
        }

        double lastApproxKl() {
            return lastApproxKl;
        }

        double meanClipFraction() {
            return clipFraction / count;
        }
    }
}
