package io.policystreams.policy.distribution;

import java.util.Arrays;

/**
 * The actions of a discrete space {0, …, n−1} that are allowed in one state, as the environment reports them.
 * A masked policy puts zero probability on the others: π(a|s) = softmax(z)_a over allowed a only. Immutable;
 * at least one action is allowed.
 */
public final class ActionMask {

    private final boolean[] allowed;
    private final int allowedCount;

    private ActionMask(boolean[] allowed) {
        this.allowed = allowed.clone();
        int count = 0;
        for (boolean a : this.allowed) {
            count += a ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException("an action mask must allow at least one of its "
                    + allowed.length + " actions");
        }
        this.allowedCount = count;
    }

    /** allowed[a]: whether action a may be taken. Not modified: allowed. */
    public static ActionMask of(boolean... allowed) {
        return new ActionMask(allowed);
    }

    /** n: the size of the action space the mask is over. */
    public int size() {
        return allowed.length;
    }

    public boolean allows(int action) {
        return action >= 0 && action < allowed.length && allowed[action];
    }

    /** How many actions are allowed (≥ 1). */
    public int allowedCount() {
        return allowedCount;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionMask m && Arrays.equals(allowed, m.allowed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(allowed);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ActionMask[");
        for (boolean a : allowed) {
            s.append(a ? '1' : '0');
        }
        return s.append(']').toString();
    }
}
