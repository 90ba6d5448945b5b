package io.policystreams.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.processor.EpisodeAssembler;
import io.policystreams.app.processor.Learner;
import io.policystreams.app.processor.RewardJoiner;
import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Counts every record the learner's producer sends to the dead-letter topic by its reason class (the exception
 * header: an exception's simple name, or a rule such as {@code episode-expired}), whichever part of the
 * topology or which error handler wrote it. Kafka Streams builds it by class name, with the registry and the
 * dead-letter topic in its configs ({@link #install}).
 */
public final class DeadLetterMetrics implements ProducerInterceptor<Object, Object> {

    static final LearnerMetrics.Documented DEAD_LETTERS = new LearnerMetrics.Documented("policy.streams.dead.letters",
            "Records dead-lettered by this learner, by reason class (an exception's simple name or a rule: "
                    + "episode-expired, update-failed, model-failed, reward-late, reward-unclaimed)", "_total");
    /** The reasons the learner itself gives, shown from the start at 0 so that rates and alerts see them. */
    private static final List<String> KNOWN_REASONS = List.of(MalformedRecordException.class.getSimpleName(),
            RejectedRecordException.class.getSimpleName(), EpisodeAssembler.EXPIRED, Learner.UPDATE_FAILED,
            Learner.MODEL_FAILED, RewardJoiner.LATE, RewardJoiner.UNCLAIMED);
    private static final String REGISTRY_CONFIG = "policy.streams.metrics.registry";
    private static final String TOPIC_CONFIG = "policy.streams.metrics.dead.letters.topic";

    private MeterRegistry registry;
    private String deadLetterTopic;

    /**
     * Installs this interceptor, counting into {@code registry}, on the producers of the Kafka Streams settings
     * {@code streamsProperties}, after any interceptor they name already. Modified: streamsProperties.
     */
    public static void install(Properties streamsProperties, MeterRegistry registry, String deadLetterTopic) {
        String interceptors = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        Object configured = streamsProperties.get(interceptors);
        streamsProperties.put(interceptors, configured == null || configured.toString().isBlank()
                ? DeadLetterMetrics.class.getName() : configured + "," + DeadLetterMetrics.class.getName());
        streamsProperties.put(StreamsConfig.producerPrefix(REGISTRY_CONFIG), registry);
        streamsProperties.put(StreamsConfig.producerPrefix(TOPIC_CONFIG), deadLetterTopic);
        KNOWN_REASONS.forEach(reason -> counter(registry, reason));
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder(DEAD_LETTERS.meter()).description(DEAD_LETTERS.help()).tag("reason", reason)
                .register(registry);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(REGISTRY_CONFIG) instanceof MeterRegistry meterRegistry)) {
            throw new ConfigException(REGISTRY_CONFIG, configs.get(REGISTRY_CONFIG), "needs a MeterRegistry");
        }
        this.registry = meterRegistry;
        this.deadLetterTopic = String.valueOf(configs.get(TOPIC_CONFIG));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (record.topic().equals(deadLetterTopic)) {
            Header exception = record.headers().lastHeader(DeadLetterHeaders.EXCEPTION);
            counter(registry, exception == null ? "unknown"
                    : DeadLetterHeaders.reasonClass(new String(exception.value(), StandardCharsets.UTF_8))).increment();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
