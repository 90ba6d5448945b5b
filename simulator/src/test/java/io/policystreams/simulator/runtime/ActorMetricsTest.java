package io.policystreams.simulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ActorMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsEpisodesAndTheirStepsAndKeepsTheLastVersionAndMeanReturn() {
        EpisodeListener listener = new ActorMetrics(registry, "cartpole");
        assertEquals(-1.0, value("policy.streams.actor.policy.version"), "before an episode");

        listener.onEpisode(1, 20, 20.0, 20, 0, 20.0);
        listener.onEpisode(2, 50, 30.0, 30, 3, 25.0);

        assertEquals(2.0, registry.get("policy.streams.actor.episodes").tag("model", "cartpole").counter().count());
        assertEquals(50.0, registry.get("policy.streams.actor.steps").tag("model", "cartpole").counter().count());
        assertEquals(3.0, value("policy.streams.actor.policy.version"));
        assertEquals(25.0, value("policy.streams.actor.return.mean"));
    }

    private double value(String gauge) {
        return registry.get(gauge).tag("model", "cartpole").gauge().value();
    }
}
