package io.policystreams.policy.distribution;

import java.util.Arrays;

/** An action: an index into a discrete action space, or a real vector of a continuous one. */
public sealed interface Action permits Action.Discrete, Action.Continuous {

    /** Action {@code index} of {0, …, n−1}. */
    record Discrete(int index) implements Action {
        public Discrete {
            if (index < 0) {
                throw new IllegalArgumentException("action index must be >= 0, was " + index);
            }
        }
    }

    /** A real action vector; the array is copied in and out, so instances are immutable. */
    record Continuous(double[] values) implements Action {
        public Continuous {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** values[i] without a copy. */
        public double value(int i) {
            return values[i];
        }

        public int dimension() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Continuous c && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Continuous" + Arrays.toString(values);
        }
    }

    static Action discrete(int index) {
        return new Discrete(index);
    }

    static Action continuous(double... values) {
        return new Continuous(values);
    }
}
