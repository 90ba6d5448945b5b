package io.policystreams.policy.evaluation;

/**
 * A sample mean with its 95% confidence interval x̄ ± t_{0.975, n−1} · s / √n (Student's t: the scores of 20
 * sequences are too few for the normal 1.96).
 */
public record MeanInterval(double mean, double halfWidth, int n) {

    /** t_{0.975, ν} for ν = 1..10; beyond, the Cornish–Fisher expansion, within 1e-3 of the exact value. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
    private static final double Z_975 = 1.959964;

    public static MeanInterval of(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("a confidence interval needs at least 2 values, got " + n);
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanInterval(mean, t975(n - 1) * Math.sqrt(squares / (n - 1) / n), n);
    }

    /** The 0.975 quantile of Student's t with ν degrees of freedom. */
    public static double t975(int nu) {
        if (nu < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, was " + nu);
        }
        if (nu <= T_975.length) {
            return T_975[nu - 1];
        }
        double z = Z_975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * nu * nu)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * nu * nu * nu);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }
}
