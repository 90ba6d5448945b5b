package io.policystreams.policy.optim;

/** A descent rule for one parameter vector: θ ← θ − step(∇L). Minimises. */
public interface Optimizer {

    /** One update of params from the loss gradient. Modified: params (and the optimiser's state). Not modified: grad. */
    void step(double[] params, double[] grad);
}
