package io.policystreams.policy;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.returns.DiscountedReturns;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Policy Gradient Theorem on a 3-state, 2-action episodic MDP with a tabular (one-hot linear) softmax:
 * ∇J = Σ_s d(s) Σ_a π(a|s) ∇log π(a|s) Q(s,a), with d(s) = Σ_t γ^t Pr(s_t = s) and V, Q, d by dynamic
 * programming. Checked against finite differences of the exact J, then REINFORCE's sample mean against it.
 */
class PolicyGradientTheoremTest {

    private static final int STATES = 3;
    private static final int ACTIONS = 2;
    private static final double GAMMA = 0.9;
    private static final double[] INITIAL = {0.6, 0.4, 0.0};
    /** P[s][a][s'] over the transient states; the remainder of each row is the probability of terminating. */
    private static final double[][][] P = {
        {{0.0, 0.7, 0.2}, {0.0, 0.0, 0.5}},
        {{0.3, 0.0, 0.3}, {0.0, 0.5, 0.0}},
        {{0.0, 0.0, 0.0}, {0.6, 0.0, 0.0}},
    };
    private static final double[][] R = {{0.0, 1.0}, {2.0, -1.0}, {3.0, 0.5}};
    /** Allowed deviation of a Monte Carlo mean, in standard errors. */
    private static final double STANDARD_ERRORS = 4.0;

    private final SoftmaxPolicy policy = SoftmaxPolicy.linear(STATES, ACTIONS);
    private final double[] theta = {0.3, -0.5, 0.8, -0.2, 0.4, 0.1, 0.2, -0.3};

    @Test
    void theoremGradientEqualsTheFiniteDifferenceGradientOfTheExactObjective() {
        assertMatchesFiniteDifferences(theoremGradient(theta), this::exactObjective, theta);
    }

    @Test
    void reinforceWithDiscountWeightingIsUnbiased() {
        assertMonteCarloMeanMatches(theoremGradient(theta), 0.0);
    }

    @Test
    void aConstantBaselineLeavesReinforceUnbiased() {
        assertMonteCarloMeanMatches(theoremGradient(theta), 1.5);
    }

    /** Why discountWeighting exists: without γ^t the common estimator is biased for γ &lt; 1. */
    @Test
    void droppingTheDiscountWeightBiasesReinforce() {
        double[] exact = theoremGradient(theta);
        double[][] meanAndError = monteCarloMean(0.0, false);
        double largestDeviation = 0;
        for (int i = 0; i < theta.length; i++) {
            largestDeviation = Math.max(largestDeviation, Math.abs(meanAndError[0][i] - exact[i]) / meanAndError[1][i]);
        }
        assertTrue(largestDeviation > 2 * STANDARD_ERRORS, "largest deviation " + largestDeviation + " SE");
    }

    /** Each component of the mean of ĝ = Σ_t γ^t (G_t − b) ∇log π(a_t|s_t) within a few standard errors. */
    private void assertMonteCarloMeanMatches(double[] exact, double baseline) {
        double[][] meanAndError = monteCarloMean(baseline, true);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(exact[i], meanAndError[0][i], STANDARD_ERRORS * meanAndError[1][i],
                    "component " + i + " (standard error " + meanAndError[1][i] + ")");
        }
    }

    /** {mean, standard error} per component of the REINFORCE estimate over a fixed, seeded set of episodes. */
    private double[][] monteCarloMean(double baseline, boolean discountWeighting) {
        int episodes = 40_000;
        Random rng = new Random(20261122L);
        double[] sum = new double[theta.length];
        double[] sumOfSquares = new double[theta.length];
        for (int k = 0; k < episodes; k++) {
            double[] estimate = reinforceEstimate(rng, baseline, discountWeighting);
            for (int i = 0; i < theta.length; i++) {
                sum[i] += estimate[i];
                sumOfSquares[i] += estimate[i] * estimate[i];
            }
        }
        double[][] meanAndError = new double[2][theta.length];
        for (int i = 0; i < theta.length; i++) {
            double mean = sum[i] / episodes;
            meanAndError[0][i] = mean;
            meanAndError[1][i] = Math.sqrt((sumOfSquares[i] / episodes - mean * mean) / episodes);
        }
        return meanAndError;
    }

    private double[] reinforceEstimate(Random rng, double baseline, boolean discountWeighting) {
        List<Integer> states = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        List<Double> rewards = new ArrayList<>();
        int s = draw(INITIAL, rng);
        while (s >= 0) {
            Action a = policy.distribution(theta, oneHot(s)).sample(rng);
            int index = ((Action.Discrete) a).index();
            states.add(s);
            actions.add(a);
            rewards.add(R[s][index]);
            s = draw(P[s][index], rng);
        }
        double[] g = DiscountedReturns.rewardToGo(rewards.stream().mapToDouble(Double::doubleValue).toArray(),
                GAMMA, 0.0);
        double[] weights = DiscountedReturns.discountWeights(g.length, discountWeighting ? GAMMA : 1.0);
        double[] estimate = new double[theta.length];
        for (int t = 0; t < g.length; t++) {
            double[] score = policy.score(theta, oneHot(states.get(t)), actions.get(t));
            for (int i = 0; i < estimate.length; i++) {
                estimate[i] += weights[t] * (g[t] - baseline) * score[i];
            }
        }
        return estimate;
    }

    /** J(θ) = Σ_s ρ_0(s) V(s), with V = (I − γ P_π)⁻¹ r_π. */
    private double exactObjective(double[] parameters) {
        double[] v = values(parameters);
        double j = 0;
        for (int s = 0; s < STATES; s++) {
            j += INITIAL[s] * v[s];
        }
        return j;
    }

    private double[] theoremGradient(double[] parameters) {
        double[] v = values(parameters);
        double[] d = discountedVisitation(parameters);
        double[] gradient = new double[parameters.length];
        for (int s = 0; s < STATES; s++) {
            double[] pi = pi(parameters, s);
            for (int a = 0; a < ACTIONS; a++) {
                double q = R[s][a];
                for (int next = 0; next < STATES; next++) {
                    q += GAMMA * P[s][a][next] * v[next];
                }
                double[] score = policy.score(parameters, oneHot(s), Action.discrete(a));
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] += d[s] * pi[a] * score[i] * q;
                }
            }
        }
        return gradient;
    }

    private double[] values(double[] parameters) {
        double[][] system = identityMinusDiscountedTransitions(parameters, false);
        double[] reward = new double[STATES];
        for (int s = 0; s < STATES; s++) {
            double[] pi = pi(parameters, s);
            for (int a = 0; a < ACTIONS; a++) {
                reward[s] += pi[a] * R[s][a];
            }
        }
        return solve(system, reward);
    }

    /** d = (I − γ P_πᵀ)⁻¹ ρ_0. */
    private double[] discountedVisitation(double[] parameters) {
        return solve(identityMinusDiscountedTransitions(parameters, true), INITIAL.clone());
    }

    private double[][] identityMinusDiscountedTransitions(double[] parameters, boolean transposed) {
        double[][] m = new double[STATES][STATES];
        for (int s = 0; s < STATES; s++) {
            double[] pi = pi(parameters, s);
            for (int next = 0; next < STATES; next++) {
                double p = 0;
                for (int a = 0; a < ACTIONS; a++) {
                    p += pi[a] * P[s][a][next];
                }
                int row = transposed ? next : s;
                int col = transposed ? s : next;
                m[row][col] = (row == col ? 1.0 : 0.0) - GAMMA * p;
            }
        }
        return m;
    }

    private double[] pi(double[] parameters, int s) {
        return policy.distribution(parameters, oneHot(s)).probabilities();
    }

    private static double[] oneHot(int s) {
        double[] x = new double[STATES];
        x[s] = 1.0;
        return x;
    }

    /** Index drawn from the probabilities, or −1 for the remaining mass (termination). */
    private static int draw(double[] probabilities, Random rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return -1;
    }

    /** Gaussian elimination with partial pivoting. Modified: a, b. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] rowSwap = a[col];
            a[col] = a[pivot];
            a[pivot] = rowSwap;
            double bSwap = b[col];
            b[col] = b[pivot];
            b[pivot] = bSwap;
            for (int row = col + 1; row < n; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[row][k] -= factor * a[col][k];
                }
                b[row] -= factor * b[col];
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }
}
