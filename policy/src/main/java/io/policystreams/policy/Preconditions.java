package io.policystreams.policy;

/** Argument checks shared by the math classes; each message names the offending value. */
public final class Preconditions {

    private Preconditions() {
    }

    /** Returns {@code gamma} if it is a discount factor in [0, 1]. */
    public static double requireDiscount(double gamma) {
        return requireUnitInterval("gamma", gamma);
    }

    /** Returns {@code value} if it lies in [0, 1]. */
    public static double requireUnitInterval(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and strictly positive. */
    public static double requirePositive(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and not negative. */
    public static double requireNonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite (neither NaN nor infinite). */
    public static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /** Returns {@code values} if it is non-empty and every element is finite. Not modified. */
    public static double[] requireFiniteNonEmpty(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return requireFinite(name, values);
    }

    /** Returns {@code values} if every element is finite. Not modified. */
    public static double[] requireFinite(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + values[i]);
            }
        }
        return values;
    }

    /** Returns {@code values} if its length is {@code expected}. Not modified. */
    public static double[] requireLength(String name, double[] values, int expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", was "
                    + (values == null ? "null" : values.length));
        }
        return values;
    }

    /** Returns {@code value} if it is at least {@code minimum}. */
    public static int requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", was " + value);
        }
        return value;
    }
}
