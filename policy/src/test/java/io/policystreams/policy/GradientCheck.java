package io.policystreams.policy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Central finite differences, to check analytic gradients: ∂f/∂θ_i ≈ (f(θ + h e_i) − f(θ − h e_i)) / 2h. */
public final class GradientCheck {

    /** Step h: balances truncation error O(h²) against rounding error O(ε/h) for doubles. */
    public static final double STEP = 1e-5;
    /** Allowed |analytic − numeric| relative to max(1, |analytic|, |numeric|). */
    public static final double TOLERANCE = 1e-6;

    private GradientCheck() {
    }

    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] theta) {
        double[] gradient = new double[theta.length];
        double[] probe = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            probe[i] = theta[i] + STEP;
            double plus = f.applyAsDouble(probe);
            probe[i] = theta[i] - STEP;
            double minus = f.applyAsDouble(probe);
            probe[i] = theta[i];
            gradient[i] = (plus - minus) / (2 * STEP);
        }
        return gradient;
    }

    /** Fails naming the first component where the analytic gradient disagrees with finite differences. */
    public static void assertMatchesFiniteDifferences(double[] analytic, ToDoubleFunction<double[]> f,
                                                      double[] theta) {
        double[] numeric = numericGradient(f, theta);
        if (analytic.length != numeric.length) {
            fail("gradient has " + analytic.length + " components, θ has " + numeric.length);
        }
        for (int i = 0; i < numeric.length; i++) {
            double scale = Math.max(1.0, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            if (Math.abs(analytic[i] - numeric[i]) > TOLERANCE * scale) {
                fail("∂/∂θ[" + i + "]: analytic " + analytic[i] + ", finite differences " + numeric[i]);
            }
        }
    }

    /** A vector of standard Gaussians. Modified: rng. */
    public static double[] gaussianVector(int n, Random rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
