package io.policystreams.simulator.runtime;

/** The mean of the last {@code size} episode returns, kept in a ring with a running sum. */
final class ReturnWindow {

    private final double[] returns;
    private int count;
    private int next;
    private double sum;

    ReturnWindow(int size) {
        this.returns = new double[size];
    }

    void add(double episodeReturn) {
        if (count == returns.length) {
            sum -= returns[next];
        } else {
            count++;
        }
        returns[next] = episodeReturn;
        sum += episodeReturn;
        next = (next + 1) % returns.length;
    }

    /** Mean over the returns held; NaN before the first. */
    double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        // Recomputed when full so that the running sum's rounding cannot drift over a long run.
        if (next == 0 && count == returns.length) {
            sum = 0.0;
            for (double r : returns) {
                sum += r;
            }
        }
        return sum / count;
    }

    boolean isFull() {
        return count == returns.length;
    }
}
