package io.policystreams.simulator.env;

import io.policystreams.simulator.env.balancing.BalancingSettings;
import io.policystreams.simulator.env.balancing.LoadBalancing;
import io.policystreams.simulator.env.scheduling.ClusterScheduling;
import io.policystreams.simulator.env.scheduling.SchedulingSettings;
import java.util.List;
import java.util.function.Supplier;

/** The environments by name, as the command line and the demo pick them. */
public final class Environments {

    public static final String CARTPOLE = "cartpole";
    public static final String BANDIT = "bandit";
    public static final String CONTEXTUAL_BANDIT = "contextual-bandit";
    public static final String SCHEDULING = "scheduling";
    public static final String LOAD_BALANCING = "load-balancing";

    /** Arm means of the default bandit: arm 2 is best by 0.3. */
    public static final double[] BANDIT_MEANS = {0.2, 0.5, 0.8};
    public static final double BANDIT_NOISE = 0.1;
    public static final int CONTEXTS = 4;
    public static final int CONTEXTUAL_ARMS = 4;
    /** DeepRM's new_job_rate, a load of about 1.29: jobs arrive faster than the cluster runs them. */
    public static final double SCHEDULING_ARRIVAL_RATE = 0.7;
    /** Park's load_balance: a mean interval of 55 for jobs of mean size 300 on a total rate of 6. */
    public static final double BALANCING_LOAD = 300.0 / 55.0 / 6.0;

    private Environments() {
    }

    public static List<String> names() {
        return List.of(CARTPOLE, BANDIT, CONTEXTUAL_BANDIT, SCHEDULING, LOAD_BALANCING);
    }

    /** A factory of fresh instances of the named environment. */
    public static Supplier<Environment> named(String name) {
        return switch (name) {
            case CARTPOLE -> CartPole::new;
            case BANDIT -> () -> new MultiArmedBandit(BANDIT_MEANS, BANDIT_NOISE);
            case CONTEXTUAL_BANDIT -> () -> new ContextualBandit(CONTEXTS, CONTEXTUAL_ARMS);
            case SCHEDULING -> () -> new ClusterScheduling(SchedulingSettings.deepRm(SCHEDULING_ARRIVAL_RATE));
            case LOAD_BALANCING -> () -> new LoadBalancing(BalancingSettings.heterogeneous(BALANCING_LOAD));
            default -> throw new IllegalArgumentException("unknown environment " + name + "; known: " + names());
        };
    }
}
