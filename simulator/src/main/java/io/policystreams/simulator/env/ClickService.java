package io.policystreams.simulator.env;

import java.util.Random;

/**
 * A recommendation service whose clicks come later: each request has a context c in {0, …, C−1} (observed
 * one-hot), the policy shows one of k items, and the item is clicked with probability p(c, a), then only after a
 * delay drawn from an exponential distribution. Item c mod k is context c's favourite (clicked with probability
 * {@code favourite}); item k−1 is a good all-rounder (clicked with {@code allRounder} in every context); the others
 * with {@code base}. So the best fixed item is the all-rounder, while the best policy shows each context its
 * favourite. A reward is 1 for a click that comes within the wait, as the learner's reward joiner counts it.
 */
public final class ClickService {

    private final int contexts;
    private final int items;
    private final double favourite;
    private final double allRounder;
    private final double base;
    private final double meanDelayMillis;

    public ClickService(int contexts, int items, double favourite, double allRounder, double base,
                        double meanDelayMillis) {
        if (contexts < 1 || items < 2 || contexts > items - 1) {
            throw new IllegalArgumentException("needs 1 to k-1 contexts and k >= 2 items, had " + contexts + " and "
                    + items);
        }
        for (double p : new double[] {favourite, allRounder, base}) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("click probabilities must be in [0, 1], had " + p);
            }
        }
        if (!(meanDelayMillis > 0.0)) {
            throw new IllegalArgumentException("the mean delay must be > 0, was " + meanDelayMillis);
        }
        this.contexts = contexts;
        this.items = items;
        this.favourite = favourite;
        this.allRounder = allRounder;
        this.base = base;
        this.meanDelayMillis = meanDelayMillis;
    }

    /** The demo's service: 4 contexts, 5 items, favourites clicked 35%, the all-rounder 20%, the rest 5%. */
    public static ClickService demo() {
        return new ClickService(4, 5, 0.35, 0.20, 0.05, 1_000.0);
    }

    public int contexts() {
        return contexts;
    }

    public int items() {
        return items;
    }

    public double meanDelayMillis() {
        return meanDelayMillis;
    }

    /** Context c's favourite item, c mod k. */
    public int favourite(int context) {
        return context % items;
    }

    /** An item's click probability averaged over the (uniform) contexts: what showing it always earns. */
    public double meanClickProbability(int item) {
        double sum = 0.0;
        for (int c = 0; c < contexts; c++) {
            sum += clickProbability(c, item);
        }
        return sum / contexts;
    }

    /** A request's context, uniform. Modified: rng. */
    public int context(Random rng) {
        return rng.nextInt(contexts);
    }

    public double[] observation(int context) {
        double[] oneHot = new double[contexts];
        oneHot[context] = 1.0;
        return oneHot;
    }

    /** p(c, a): the probability that item a shown in context c is clicked. */
    public double clickProbability(int context, int item) {
        if (item == favourite(context)) {
            return favourite;
        }
        return item == items - 1 ? allRounder : base;
    }

    /** When the click of showing {@code item} in {@code context} comes, in ms after the decision; -1: never. */
    public long clickDelayMillis(int context, int item, Random rng) {
        if (rng.nextDouble() >= clickProbability(context, item)) {
            return -1;
        }
        return Math.round(-meanDelayMillis * Math.log(1.0 - rng.nextDouble()));
    }

}
