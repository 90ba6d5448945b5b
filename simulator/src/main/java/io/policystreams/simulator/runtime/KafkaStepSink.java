package io.policystreams.simulator.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.policystreams.client.ClientConfig;
import io.policystreams.schemas.Step;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes steps to the steps topic, key = episode id, with an idempotent producer (acks=all, no duplicates
 * on retry). A failed send surfaces as an exception on the next publish or flush.
 */
public final class KafkaStepSink implements StepSink, AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, Step> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private KafkaClientMetrics clientMetrics;

    /** Publishes to the steps topic of {@code config}'s cluster. */
    public KafkaStepSink(ClientConfig config) {
        this.topic = config.stepsTopic();
        Map<String, Object> configs = config.actorProducerConfigs();
        this.producer = new KafkaProducer<>(configs, new StringSerializer(), config.avroSerde(Step.class).serializer());
    }

    @Override
    public void publish(Step step) {
        rethrowFailure();
        producer.send(new ProducerRecord<>(topic, step.getEpisodeId(), step), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("publishing a step to " + topic + " failed", e);
        }
    }

    /** Registers the producer's own metrics (Kafka's, through Micrometer's binder) in {@code registry}. */
    public KafkaStepSink meteredBy(MeterRegistry registry) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        clientMetrics = metrics;
        return this;
    }

    @Override
    public void close() {
        if (clientMetrics != null) {
            clientMetrics.close();
        }
        producer.close();
    }
}
