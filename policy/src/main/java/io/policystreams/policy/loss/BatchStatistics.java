package io.policystreams.policy.loss;

/** Running sums a policy loss reports besides its surrogate: entropy, approximate KL, ratio, clip count. */
final class BatchStatistics {

    private final double n;
    private double entropy;
    private double approxKl;
    private double ratio;
    private int clipped;

    BatchStatistics(int sampleCount) {
        if (sampleCount < 1) {
            throw new IllegalArgumentException("a loss needs at least one sample");
        }
        this.n = sampleCount;
    }

    /** Adds one sample with its entropy H and log ρ = log π − log μ; returns ρ. */
    double add(double sampleEntropy, double logRatio) {
        double rho = Math.exp(logRatio);
        entropy += sampleEntropy;
        approxKl += (rho - 1.0) - logRatio;
        ratio += rho;
        return rho;
    }

    void countClipped() {
        clipped++;
    }

    /** The batch's PolicyLoss: total = surrogate − β·mean H. */
    PolicyLoss result(double surrogate, double entropyCoefficient) {
        double meanEntropy = entropy / n;
        return new PolicyLoss(surrogate - entropyCoefficient * meanEntropy, surrogate, meanEntropy,
                approxKl / n, ratio / n, clipped / n);
    }
}
