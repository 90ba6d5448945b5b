/**
 * Environments, heuristic baselines, and the runtime that acts from the latest policy snapshot and
 * publishes steps. Depends on {@code schemas} and {@code policy}, never on the streams application.
 */
package io.policystreams.simulator;
