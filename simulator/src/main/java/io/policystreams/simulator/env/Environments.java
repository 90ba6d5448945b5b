package io.policystreams.simulator.env;

import java.util.List;
import java.util.function.Supplier;

/** The environments by name, as the command line and the demo pick them. */
public final class Environments {

    public static final String CARTPOLE = "cartpole";
    public static final String BANDIT = "bandit";
    public static final String CONTEXTUAL_BANDIT = "contextual-bandit";

    /** Arm means of the default bandit: arm 2 is best by 0.3. */
    public static final double[] BANDIT_MEANS = {0.2, 0.5, 0.8};
    public static final double BANDIT_NOISE = 0.1;
    public static final int CONTEXTS = 4;
    public static final int CONTEXTUAL_ARMS = 4;

    private Environments() {
    }

    public static List<String> names() {
        return List.of(CARTPOLE, BANDIT, CONTEXTUAL_BANDIT);
    }

    /** A factory of fresh instances of the named environment. */
    public static Supplier<Environment> named(String name) {
        return switch (name) {
            case CARTPOLE -> CartPole::new;
            case BANDIT -> () -> new MultiArmedBandit(BANDIT_MEANS, BANDIT_NOISE);
            case CONTEXTUAL_BANDIT -> () -> new ContextualBandit(CONTEXTS, CONTEXTUAL_ARMS);
            default -> throw new IllegalArgumentException("unknown environment " + name + "; known: " + names());
        };
    }
}
