package io.policystreams.simulator.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An actor's metrics for one model (tag {@code model}), in Prometheus' names: which policy version it acts on,
 * how many episodes and environment steps it played, and its moving mean return. Told of every finished episode.
 */
public final class ActorMetrics implements EpisodeListener {

    /** The metrics as scraped: the README's list and the scrape test's. */
    public static final List<String> NAMES = List.of("policy_streams_actor_policy_version",
            "policy_streams_actor_episodes_total", "policy_streams_actor_steps_total",
            "policy_streams_actor_return_mean");

    private final Counter episodes;
    private final Counter steps;
    private final AtomicLong policyVersion = new AtomicLong(-1);
    private volatile double meanReturn = Double.NaN;
    private long stepsCounted;

    public ActorMetrics(MeterRegistry registry, String modelId) {
        Tags model = Tags.of("model", modelId);
        Gauge.builder("policy.streams.actor.policy.version", policyVersion, AtomicLong::get)
                .description("Policy version the actor acted on in its last episode (-1 before one)")
                .tags(model).register(registry);
        episodes = Counter.builder("policy.streams.actor.episodes").description("Episodes the actor finished")
                .tags(model).register(registry);
        steps = Counter.builder("policy.streams.actor.steps").description("Environment steps of finished episodes")
                .tags(model).register(registry);
        Gauge.builder("policy.streams.actor.return.mean", this, metrics -> metrics.meanReturn)
                .description("Mean return of the actor's last return-window episodes").tags(model).register(registry);
    }

    @Override
    public void onEpisode(long episodesSoFar, long stepsSoFar, double episodeReturn, int length, long version,
                          double windowMean) {
        episodes.increment();
        steps.increment(stepsSoFar - stepsCounted);
        stepsCounted = stepsSoFar;
        policyVersion.set(version);
        meanReturn = windowMean;
    }
}
