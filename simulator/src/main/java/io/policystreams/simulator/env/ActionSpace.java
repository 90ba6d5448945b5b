package io.policystreams.simulator.env;

/** An environment's actions: n discrete choices, or a box of real vectors. */
public sealed interface ActionSpace permits ActionSpace.Discrete, ActionSpace.Box {

    /** Actions {0, …, n−1}. */
    record Discrete(int n) implements ActionSpace {
        public Discrete {
            if (n < 2) {
                throw new IllegalArgumentException("a discrete action space needs n >= 2, was " + n);
            }
        }
    }

    /** Real vectors with low[i] &lt; high[i]; the environment clips sampled actions to the box. */
    record Box(double[] low, double[] high) implements ActionSpace {
        public Box {
            if (low.length == 0 || low.length != high.length) {
                throw new IllegalArgumentException("a box needs matching, non-empty bounds");
            }
            low = low.clone();
            high = high.clone();
        }
    }
}
