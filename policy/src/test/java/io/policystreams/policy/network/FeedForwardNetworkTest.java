package io.policystreams.policy.network;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static io.policystreams.policy.GradientCheck.gaussianVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedForwardNetworkTest {

    private static final double TOLERANCE = 1e-12;
    private final Random rng = new Random(20261122L);

    @Test
    void linearNetworkComputesWxPlusB() {
        FeedForwardNetwork net = FeedForwardNetwork.linear(2, 2);
        double[] theta = {1, 2, 3, 4, 0.5, -0.5}; // W = [[1, 2], [3, 4]], b = [0.5, −0.5]

        assertArrayEquals(new double[] {1 * 1 + 2 * -1 + 0.5, 3 * 1 + 4 * -1 - 0.5},
                net.forward(theta, new double[] {1, -1}).output(), TOLERANCE);
    }

    @Test
    void parameterCountIsWeightsPlusBiasesOfEveryLayer() {
        FeedForwardNetwork net = FeedForwardNetwork.mlp(4, new int[] {64, 64}, Activation.TANH, 2);
        assertEquals(4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2, net.parameterCount());
        assertArrayEquals(new int[] {64, 64}, net.hiddenSizes());
    }

    @Test
    void tanhMlpMatchesAHandWorkedForwardPass() {
        FeedForwardNetwork net = FeedForwardNetwork.mlp(1, new int[] {2}, Activation.TANH, 1);
        // W1 = [[1], [−2]], b1 = [0, 0.5], W2 = [[3, 1]], b2 = [0.25]
        double[] theta = {1, -2, 0, 0.5, 3, 1, 0.25};
        double x = 0.3;
        double expected = 3 * Math.tanh(x) + Math.tanh(-2 * x + 0.5) + 0.25;

        assertEquals(expected, net.forward(theta, new double[] {x}).output()[0], TOLERANCE);
    }

    @Test
    void backwardMatchesFiniteDifferencesForEachArchitecture() {
        FeedForwardNetwork[] networks = {
            FeedForwardNetwork.linear(4, 3),
            FeedForwardNetwork.mlp(4, new int[] {5, 3}, Activation.TANH, 2),
            FeedForwardNetwork.mlp(4, new int[] {6}, Activation.RELU, 3),
        };
        for (FeedForwardNetwork net : networks) {
            double[] theta = gaussianVector(net.parameterCount(), rng);
            double[] x = gaussianVector(net.inputSize(), rng);
            double[] upstream = gaussianVector(net.outputSize(), rng);
            double[] grad = new double[net.parameterCount()];
            net.forward(theta, x).backward(upstream, grad);

            assertMatchesFiniteDifferences(grad, t -> dot(upstream, net.forward(t, x).output()), theta);
        }
    }

    @Test
    void backwardAccumulatesIntoTheGradient() {
        FeedForwardNetwork net = FeedForwardNetwork.mlp(3, new int[] {4}, Activation.TANH, 2);
        double[] theta = gaussianVector(net.parameterCount(), rng);
        double[] x = gaussianVector(3, rng);
        double[] once = new double[net.parameterCount()];
        net.forward(theta, x).backward(new double[] {1, -1}, once);
        double[] twice = new double[net.parameterCount()];
        net.forward(theta, x).backward(new double[] {1, -1}, twice);
        net.forward(theta, x).backward(new double[] {1, -1}, twice);

        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], TOLERANCE);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        FeedForwardNetwork net = FeedForwardNetwork.mlp(4, new int[] {64, 64}, Activation.RELU, 2);
        double[] first = net.initialParameters(0.01, new Random(42L));
        double[] second = net.initialParameters(0.01, new Random(42L));
        double[] otherSeed = net.initialParameters(0.01, new Random(43L));

        assertArrayEquals(first, second); // Arrays.equals on doubles compares bits
        assertFalse(Arrays.equals(first, otherSeed));
    }

    @Test
    void initialWeightsAreOrthogonalWithTheirGainAndBiasesZero() {
        FeedForwardNetwork net = FeedForwardNetwork.mlp(3, new int[] {5}, Activation.TANH, 2);
        double[] theta = net.initialParameters(0.5, new Random(7L));
        // layer 1: W1 is 5×3 (tall): columns orthonormal times √2; b1 = 0
        double[] w1 = Arrays.copyOfRange(theta, 0, 15);
        assertGram(w1, 5, 3, 2.0, true);
        assertArrayEquals(new double[5], Arrays.copyOfRange(theta, 15, 20), 0.0);
        // layer 2: W2 is 2×5 (wide): rows orthonormal times 0.5; b2 = 0
        double[] w2 = Arrays.copyOfRange(theta, 20, 30);
        assertGram(w2, 2, 5, 0.25, false);
        assertArrayEquals(new double[2], Arrays.copyOfRange(theta, 30, 32), 0.0);
    }

    @Test
    void rejectsInputOfTheWrongSize() {
        FeedForwardNetwork net = FeedForwardNetwork.linear(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new double[net.parameterCount()], new double[3]));
        assertEquals("input must have length 4, was 3", e.getMessage());
    }

    /** WᵀW (columns) or WWᵀ (rows) equals gain²·I. */
    private static void assertGram(double[] w, int rows, int cols, double gainSquared, boolean columns) {
        int k = columns ? cols : rows;
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                double sum = 0;
                for (int i = 0; i < (columns ? rows : cols); i++) {
                    sum += columns ? w[i * cols + p] * w[i * cols + q] : w[p * cols + i] * w[q * cols + i];
                }
                assertEquals(p == q ? gainSquared : 0.0, sum, 1e-12);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
