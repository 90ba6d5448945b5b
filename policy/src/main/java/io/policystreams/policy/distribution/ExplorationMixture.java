package io.policystreams.policy.distribution;

/**
 * The behaviour policy of ε-greedy exploration around a tempered softmax, an ε-soft policy over the allowed actions
 * A(s) (Sutton and Barto 2018, §5.4): μ(a|s) = (1 − ε)·softmax(z/T)_a + ε/|A(s)|, computed from log π = log
 * softmax(z), which differs from z by a constant. Actors sample from μ ({@link Softmax#sampleIndex}) and publish
 * log μ(a|s) as the behaviour log-prob, so that the importance weights π/μ of learning and of off-policy
 * evaluation stay exact.
 */
public final class ExplorationMixture {

    private final double epsilon;
    private final double temperature;

    /** @param epsilon the uniform share ε in [0, 1]; @param temperature T &gt; 0 (1: π itself) */
    public ExplorationMixture(double epsilon, double temperature) {
        if (!(epsilon >= 0.0 && epsilon <= 1.0)) {
            throw new IllegalArgumentException("explorationEpsilon must be in [0, 1], was " + epsilon);
        }
        if (!(temperature > 0.0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
        }
        this.epsilon = epsilon;
        this.temperature = temperature;
    }

    /** True when μ = π: no uniform share and temperature 1. */
    public boolean isNone() {
        return epsilon == 0.0 && temperature == 1.0;
    }

    /** log μ(a|s) for every action, −∞ for the masked ones (those with log π = −∞). Not modified: logPi. */
    public double[] logProbabilities(double[] logPi) {
        double[] tempered = new double[logPi.length];
        int allowed = 0;
        for (int a = 0; a < logPi.length; a++) {
            tempered[a] = logPi[a] / temperature;
            if (logPi[a] != Double.NEGATIVE_INFINITY) {
                allowed++;
            }
        }
        double[] logSoftmax = Softmax.logSoftmax(tempered, mask(logPi));
        double[] logMu = new double[logPi.length];
        for (int a = 0; a < logPi.length; a++) {
            logMu[a] = logPi[a] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : Math.log((1.0 - epsilon) * Math.exp(logSoftmax[a]) + epsilon / allowed);
        }
        return logMu;
    }

    private static ActionMask mask(double[] logPi) {
        boolean[] allows = new boolean[logPi.length];
        for (int a = 0; a < logPi.length; a++) {
            allows[a] = logPi[a] != Double.NEGATIVE_INFINITY;
        }
        return ActionMask.of(allows);
    }
}
