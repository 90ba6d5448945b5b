package io.policystreams.policy.optim;

import io.policystreams.policy.Preconditions;

/** Global-norm clipping (Pascanu et al. 2013): if ‖g‖ &gt; c over all vectors together, g ← g·c/‖g‖. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** ‖g‖₂ over all the given vectors together. Not modified: gradients. */
    public static double globalNorm(double[]... gradients) {
        double scale = 0.0;
        for (double[] g : gradients) {
            for (double x : g) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        if (!(scale > 0.0) || !Double.isFinite(scale)) {
            return scale;
        }
        double sumOfSquares = 0.0; // of g/scale: no overflow or underflow for extreme gradients
        for (double[] g : gradients) {
            for (double x : g) {
                double y = x / scale;
                sumOfSquares += y * y;
            }
        }
        return scale * Math.sqrt(sumOfSquares);
    }

    /**
     * Scales all gradients by c/‖g‖ when the global norm ‖g‖ exceeds maxNorm = c &gt; 0.
     * Modified: gradients. Returns ‖g‖ before clipping.
     */
    public static double clipByGlobalNorm(double maxNorm, double[]... gradients) {
        Preconditions.requirePositive("maxNorm", maxNorm);
        double norm = globalNorm(gradients);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("gradient norm must be finite, was " + norm);
        }
        if (norm > maxNorm) {
            double factor = maxNorm / norm;
            for (double[] g : gradients) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
        }
        return norm;
    }
}
