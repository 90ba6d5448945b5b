package io.policystreams.simulator.runtime;

import java.time.Duration;

/**
 * How a simulator runs.
 *
 * @param modelId            the model whose policy acts and whose steps are published
 * @param simulatorId        prefix of episode ids and the steps' simulatorId; unique per simulator process
 * @param environments       N, the environment instances stepped in lockstep
 * @param seed               seeds the environments' resets and the action sampling
 * @param maxEpisodes        stop after this many episodes; 0 for no limit
 * @param maxSteps           stop after this many environment steps; 0 for no limit
 * @param targetMeanReturn   stop once the mean return of the last {@code returnWindow} episodes reaches this;
 *                           NaN for no target
 * @param returnWindow       episodes in the moving mean of the return
 * @param stepsPerVersion    an environment whose episode ends after this many steps were acted on the current
 *                           policy version starts its next episode only on a newer version (near on-policy
 *                           learning); 0 never waits
 * @param policyTimeout      how long to wait for a policy (the first one, or a newer one) before failing
 */
public record SimulatorSettings(String modelId, String simulatorId, int environments, long seed, long maxEpisodes,
                                long maxSteps, double targetMeanReturn, int returnWindow, int stepsPerVersion,
                                Duration policyTimeout) {

    public static final int DEFAULT_RETURN_WINDOW = 100;

    public SimulatorSettings {
        if (modelId == null || modelId.isBlank() || simulatorId == null || simulatorId.isBlank()) {
            throw new IllegalArgumentException("a simulator needs a model id and a simulator id");
        }
        if (environments < 1 || returnWindow < 1 || maxEpisodes < 0 || maxSteps < 0 || stepsPerVersion < 0) {
            throw new IllegalArgumentException("environments and returnWindow must be >= 1, limits and "
                    + "stepsPerVersion >= 0; were " + environments + ", " + returnWindow + ", " + maxEpisodes
                    + ", " + maxSteps + ", " + stepsPerVersion);
        }
        if (maxEpisodes == 0 && maxSteps == 0 && Double.isNaN(targetMeanReturn)) {
            throw new IllegalArgumentException("a simulator needs a stopping rule: maxEpisodes, maxSteps or a "
                    + "target mean return");
        }
    }
}
