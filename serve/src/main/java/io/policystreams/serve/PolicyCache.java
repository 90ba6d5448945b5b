package io.policystreams.serve;

import io.policystreams.binding.Actor;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest policy of every model on the compacted policies topic, ready to act: read to the topic's end before
 * the server answers (no consumer group; read_committed, so only versions the learner committed), then followed
 * by a thread of its own, each newer version swapped in whole. An unreadable record is skipped.
 */
final class PolicyCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Actor> actors = new ConcurrentHashMap<>();
    private final TopicReader<String, PolicySnapshot> policies;
    private final Thread follower;
    private volatile boolean closed;

    PolicyCache(ClientConfig config) {
        policies = new TopicReader<>(config.clientConfigs(), config.policiesTopic(), new StringDeserializer(),
                new TolerantDeserializer<>(config.avroSerde(PolicySnapshot.class).deserializer()), "serve-policies");
        try {
            policies.readToEnd(CATCH_UP_TIMEOUT, this::keepIfNewer);
        } catch (RuntimeException e) {
            policies.close();
            throw e;
        }
        follower = new Thread(this::follow, "serve-policies");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            while (!closed) {
                policies.poll(POLL, this::keepIfNewer);
            }
        } catch (InterruptException | WakeupException e) {
            LOG.debug("stopped following the policies");
        } catch (RuntimeException e) {
            LOG.error("stopped following the policies: {}", e.getMessage(), e);
        } finally {
            policies.close();
        }
    }

    private void keepIfNewer(ConsumerRecord<String, PolicySnapshot> record) {
        PolicySnapshot snapshot = record.value();
        if (snapshot == null || record.key() == null) {
            return;
        }
        Actor current = actors.get(record.key());
        if (current == null || snapshot.getVersion() > current.version()) {
            actors.put(record.key(), new Actor(snapshot));
        }
    }

    /** The model's newest policy; null if it has none. */
    Actor actor(String modelId) {
        return actors.get(modelId);
    }

    /** Every model's newest version, by model id. */
    Map<String, Long> versions() {
        Map<String, Long> versions = new TreeMap<>();
        actors.forEach((modelId, actor) -> versions.put(modelId, actor.version()));
        return versions;
    }

    @Override
    public void close() {
        closed = true;
        try {
            follower.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
