package io.policystreams.learning;

import java.util.Optional;

/**
 * The rule for model and episode ids: 1 to {@value #MAX_LENGTH} characters, none of them NUL. The stores key an
 * episode's steps and a model's pending episodes by {@code id + NUL + fixed-width number} and collect them by
 * the prefix {@code id + NUL}; with NUL banned from ids, no id's prefix can match another id's keys.
 */
public final class Ids {

    /** Longest id accepted; a key is written with every step, so ids stay short. */
    public static final int MAX_LENGTH = 1024;

    private Ids() {
    }

    /** Why {@code id}, the value of {@code field}, is not a valid id; empty if it is. */
    public static Optional<String> violation(String field, String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of(field + " must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of(field + " must have at most " + MAX_LENGTH + " characters, had " + id.length());
        }
        if (id.indexOf('\u0000') >= 0) {
            return Optional.of(field + " must not contain NUL characters");
        }
        return Optional.empty();
    }

    /** {@code id + NUL}: the prefix of the store keys of one id's entries. */
    public static String keyPrefix(String id) {
        return id + '\u0000';
    }
}
