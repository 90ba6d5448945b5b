package io.policystreams.policy.distribution;

import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import java.util.Random;

/** A learned state value V_φ(s) = f(s; φ), linear or MLP with one output; ∇_φ V by backpropagation. */
public final class ValueFunction {

    /** Output-layer gain of the seeded initialisation (cleanrl's 1.0 for the critic). */
    public static final double OUTPUT_GAIN = 1.0;

    private final FeedForwardNetwork network;

    public ValueFunction(FeedForwardNetwork network) {
        if (network.outputSize() != 1) {
            throw new IllegalArgumentException("a value network has one output, got " + network.outputSize());
        }
        this.network = network;
    }

    public static ValueFunction linear(int observationSize) {
        return new ValueFunction(FeedForwardNetwork.linear(observationSize, 1));
    }

    public static ValueFunction mlp(int observationSize, int[] hiddenSizes, Activation activation) {
        return new ValueFunction(FeedForwardNetwork.mlp(observationSize, hiddenSizes, activation, 1));
    }

    public FeedForwardNetwork network() {
        return network;
    }

    public int parameterCount() {
        return network.parameterCount();
    }

    /** Seeded initial φ. Modified: rng. */
    public double[] initialParameters(Random rng) {
        return network.initialParameters(OUTPUT_GAIN, rng);
    }

    /** V_φ(s). */
    public double value(double[] phi, double[] observation) {
        return network.forward(phi, observation).output()[0];
    }

    /** V_φ(s) with its backward pass. */
    public Evaluation evaluate(double[] phi, double[] observation) {
        return new Evaluation(network.forward(phi, observation));
    }

    /** V_φ(s) at one observation, after one forward pass. */
    public static final class Evaluation {
        private final FeedForwardNetwork.Pass pass;

        private Evaluation(FeedForwardNetwork.Pass pass) {
            this.pass = pass;
        }

        public double value() {
            return pass.output()[0];
        }

        /** grad += weight·∇_φ V_φ(s). Modified: grad. */
        public void backward(double weight, double[] grad) {
            pass.backward(new double[] {weight}, grad);
        }
    }
}
