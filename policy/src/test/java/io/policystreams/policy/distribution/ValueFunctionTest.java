package io.policystreams.policy.distribution;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static io.policystreams.policy.GradientCheck.gaussianVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueFunctionTest {

    private final Random rng = new Random(20261122L);

    @Test
    void linearValueIsWeightsDotObservationPlusBias() {
        ValueFunction value = ValueFunction.linear(3);
        double[] phi = {1.0, -2.0, 0.5, 0.25};

        assertEquals(1.0 * 2 - 2.0 * 1 + 0.5 * 4 + 0.25, value.value(phi, new double[] {2, 1, 4}), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferencesForLinearAndMlpHeads() {
        for (ValueFunction value : List.of(
                ValueFunction.linear(4),
                ValueFunction.mlp(4, new int[] {8, 8}, Activation.TANH),
                ValueFunction.mlp(4, new int[] {6}, Activation.RELU))) {
            double[] phi = gaussianVector(value.parameterCount(), rng);
            double[] s = gaussianVector(4, rng);
            double[] grad = new double[value.parameterCount()];
            value.evaluate(phi, s).backward(1.0, grad);

            assertMatchesFiniteDifferences(grad, p -> value.value(p, s), phi);
        }
    }

    @Test
    void rejectsANetworkWithMoreThanOneOutput() {
        assertThrows(IllegalArgumentException.class, () -> new ValueFunction(FeedForwardNetwork.linear(3, 2)));
    }
}
