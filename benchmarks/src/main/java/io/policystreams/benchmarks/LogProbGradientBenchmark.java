package io.policystreams.benchmarks;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.network.Activation;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-sample cost of what a learner does for every step: forward pass, log π(a|s), and the backward pass of
 * ∇θ log π(a|s) into a gradient accumulator, for a softmax policy over 4 inputs and 2 actions.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LogProbGradientBenchmark {

    private static final int OBSERVATIONS = 1024;

    /** LINEAR: softmax(W s + b); MLP_64x64: softmax over an MLP with two hidden layers of 64. */
    @Param({"LINEAR", "MLP_64x64"})
    public String architecture;

    /** Hidden-layer activation of the MLP (unused by LINEAR). */
    @Param({"TANH", "RELU"})
    public Activation activation;

    private SoftmaxPolicy policy;
    private double[] theta;
    private double[][] observations;
    private Action[] actions;
    private double[] gradient;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        policy = architecture.equals("LINEAR")
                ? SoftmaxPolicy.linear(4, 2)
                : SoftmaxPolicy.mlp(4, new int[] {64, 64}, activation, 2);
        Random rng = new Random(42L);
        theta = policy.initialParameters(rng);
        observations = new double[OBSERVATIONS][4];
        actions = new Action[OBSERVATIONS];
        for (int i = 0; i < OBSERVATIONS; i++) {
            for (int j = 0; j < 4; j++) {
                observations[i][j] = rng.nextGaussian();
            }
            actions[i] = Action.discrete(rng.nextInt(2));
        }
        gradient = new double[policy.parameterCount()];
    }

    @Benchmark
    public double logProbAndGradient(Blackhole blackhole) {
        int i = next;
        next = (i + 1) & (OBSERVATIONS - 1);
        ActionDistribution pi = policy.distribution(theta, observations[i]);
        double logProb = pi.logProb(actions[i]);
        pi.backward(actions[i], 1.0, 0.0, gradient);
        blackhole.consume(gradient);
        return logProb;
    }
}
