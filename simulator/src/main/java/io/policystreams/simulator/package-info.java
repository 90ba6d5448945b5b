/**
 * The other side of the loop: {@code env} (Gymnasium-style environments), {@code runtime} (acting from the
 * latest policy snapshot and publishing steps; evaluation), {@code cli} (the simulator process). Depends on
 * {@code schemas}, {@code policy} and {@code model-binding}, never on the streams application.
 */
package io.policystreams.simulator;
