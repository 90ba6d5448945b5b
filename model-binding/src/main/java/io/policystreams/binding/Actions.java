package io.policystreams.binding;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.ContinuousAction;
import io.policystreams.schemas.DiscreteAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Step actions (the Avro union DiscreteAction | ContinuousAction) and action masks (a nullable boolean array) to and
 * from the policy library's Action and ActionMask.
 */
public final class Actions {

    private Actions() {
    }

    /** The policy Action of a Step's action field. */
    public static Action fromAvro(Object action) {
        if (action instanceof DiscreteAction discrete) {
            return new Action.Discrete(discrete.getIndex());
        }
        if (action instanceof ContinuousAction continuous) {
            return new Action.Continuous(Vectors.toArray(continuous.getValues()));
        }
        throw new IllegalArgumentException("an action is a DiscreteAction or a ContinuousAction, got "
                + (action == null ? "null" : action.getClass().getName()));
    }

    /** The Avro union value for a policy Action. */
    public static Object toAvro(Action action) {
        if (action instanceof Action.Discrete discrete) {
            return new DiscreteAction(discrete.index());
        }
        Action.Continuous continuous = (Action.Continuous) action;
        List<Double> values = new ArrayList<>(continuous.dimension());
        for (int i = 0; i < continuous.dimension(); i++) {
            values.add(continuous.value(i));
        }
        return new ContinuousAction(values);
    }

    /** The ActionMask of a Step's actionMask field, or null (every action allowed) for null. */
    public static ActionMask maskFromAvro(List<Boolean> allowed) {
        if (allowed == null) {
            return null;
        }
        boolean[] flags = new boolean[allowed.size()];
        for (int a = 0; a < flags.length; a++) {
            flags[a] = allowed.get(a);
        }
        return ActionMask.of(flags);
    }

    /** The Step actionMask field for an ActionMask, or null for null. */
    public static List<Boolean> maskToAvro(ActionMask mask) {
        if (mask == null) {
            return null;
        }
        List<Boolean> allowed = new ArrayList<>(mask.size());
        for (int a = 0; a < mask.size(); a++) {
            allowed.add(mask.allows(a));
        }
        return allowed;
    }
}
