package io.policystreams.policy.optim;

/** A descent rule for one parameter vector: θ ← θ − step(∇L). Minimises. */
public interface Optimizer {

    /** Which rule: {@link Adam} or {@link Sgd}. */
    enum Kind { ADAM, SGD }

    /** One update of params from the loss gradient. Modified: params (and the optimiser's state). Not modified: grad. */
    void step(double[] params, double[] grad);
}
