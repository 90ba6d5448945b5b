package io.policystreams.policy.network;

import io.policystreams.policy.Preconditions;
import java.util.Arrays;
import java.util.Random;

/**
 * f(x; θ) = W_L·σ(… σ(W_1·x + b_1) …) + b_L: an affine map (no hidden layers) or an MLP with a linear output.
 *
 * <p>θ is one flat vector: for each layer l = 1..L, first W_l (n_l × n_{l−1}, row-major) then b_l (n_l).
 * Instances are immutable and thread-safe; all state of a pass lives in the returned {@link Pass}.
 */
public final class FeedForwardNetwork {

    private final int[] sizes; // n_0 (input), n_1, ..., n_L (output)
    private final Activation activation;
    private final int[] weightOffset;
    private final int parameterCount;

    private FeedForwardNetwork(int[] sizes, Activation activation) {
        for (int l = 0; l < sizes.length; l++) {
            Preconditions.requireAtLeast("layer size " + l, sizes[l], 1);
        }
        this.sizes = sizes;
        this.activation = activation;
        this.weightOffset = new int[sizes.length];
        int offset = 0;
        for (int l = 1; l < sizes.length; l++) {
            weightOffset[l] = offset;
            offset += sizes[l] * sizes[l - 1] + sizes[l];
        }
        this.parameterCount = offset;
    }

    /** f(x) = W·x + b. */
    public static FeedForwardNetwork linear(int inputSize, int outputSize) {
        return new FeedForwardNetwork(new int[] {inputSize, outputSize}, Activation.TANH);
    }

    /** An MLP with the given hidden widths (input side first); no hidden widths gives {@link #linear}. */
    public static FeedForwardNetwork mlp(int inputSize, int[] hiddenSizes, Activation activation, int outputSize) {
        int[] sizes = new int[hiddenSizes.length + 2];
        sizes[0] = inputSize;
        System.arraycopy(hiddenSizes, 0, sizes, 1, hiddenSizes.length);
        sizes[sizes.length - 1] = outputSize;
        return new FeedForwardNetwork(sizes, activation);
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Widths of the hidden layers, input side first. A copy. */
    public int[] hiddenSizes() {
        return Arrays.copyOfRange(sizes, 1, sizes.length - 1);
    }

    public Activation activation() {
        return activation;
    }

    /**
     * Seeded initial θ: orthogonal hidden weights with gain √2, orthogonal output weights with
     * {@code outputGain} (cleanrl: 0.01 for policy logits, 1 for a value), zero biases. Modified: rng.
     */
    public double[] initialParameters(double outputGain, Random rng) {
        double[] theta = new double[parameterCount];
        int last = sizes.length - 1;
        for (int l = 1; l <= last; l++) {
            double gain = l == last ? outputGain : activation.orthogonalGain();
            OrthogonalInitialization.fill(theta, weightOffset[l], sizes[l], sizes[l - 1], gain, rng);
        }
        return theta;
    }

    /**
     * Computes f(x; θ), keeping the activations {@link Pass#backward} needs. Reads θ from theta[0, P), so a
     * longer vector may carry further parameters after the network's. Not modified: theta, x.
     */
    public Pass forward(double[] theta, double[] x) {
        if (theta.length < parameterCount) {
            throw new IllegalArgumentException(
                    "theta must have at least " + parameterCount + " entries, was " + theta.length);
        }
        Preconditions.requireLength("input", x, sizes[0]);
        double[][] a = new double[sizes.length][];
        a[0] = x;
        int last = sizes.length - 1;
        for (int l = 1; l <= last; l++) {
            a[l] = affine(theta, l, a[l - 1]);
            if (l < last) {
                for (int i = 0; i < a[l].length; i++) {
                    a[l][i] = activation.apply(a[l][i]);
                }
            }
        }
        return new Pass(theta, a);
    }

    /** z = W_l·in + b_l. */
    private double[] affine(double[] theta, int l, double[] in) {
        int rows = sizes[l];
        int cols = sizes[l - 1];
        int w = weightOffset[l];
        int b = w + rows * cols;
        double[] z = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = theta[b + i];
            int row = w + i * cols;
            for (int j = 0; j < cols; j++) {
                sum += theta[row + j] * in[j];
            }
            z[i] = sum;
        }
        return z;
    }

    /** One forward pass: the output f(x; θ) and the activations of every layer. */
    public final class Pass {
        private final double[] theta;
        private final double[][] a; // a[0] = x, a[l] = σ(z_l) for hidden l, a[L] = z_L

        private Pass(double[] theta, double[][] activations) {
            this.theta = theta;
            this.a = activations;
        }

        /** f(x; θ). Shared, do not modify. */
        public double[] output() {
            return a[a.length - 1];
        }

        /**
         * grad += (∂f/∂θ)ᵀ·upstream, i.e. the gradient of upstreamᵀ·f(x; θ) (backpropagation).
         * Not modified: upstream. Modified: grad (length ≥ parameterCount; the network's slice is [0, P)).
         */
        public void backward(double[] upstream, double[] grad) {
            Preconditions.requireLength("upstream", upstream, outputSize());
            double[] delta = upstream.clone();
            for (int l = sizes.length - 1; l >= 1; l--) {
                int rows = sizes[l];
                int cols = sizes[l - 1];
                int w = weightOffset[l];
                int b = w + rows * cols;
                double[] in = a[l - 1];
                double[] previous = l > 1 ? new double[cols] : null;
                for (int i = 0; i < rows; i++) {
                    double d = delta[i];
                    int row = w + i * cols;
                    grad[b + i] += d;
                    for (int j = 0; j < cols; j++) {
                        grad[row + j] += d * in[j];
                        if (previous != null) {
                            previous[j] += theta[row + j] * d;
                        }
                    }
                }
                if (previous != null) {
                    for (int j = 0; j < cols; j++) {
                        previous[j] *= activation.derivativeFromOutput(in[j]);
                    }
                }
                delta = previous;
            }
        }
    }
}
