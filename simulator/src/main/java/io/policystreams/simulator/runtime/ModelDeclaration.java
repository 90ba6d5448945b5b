package io.policystreams.simulator.runtime;

import io.policystreams.client.ClientConfig;
import io.policystreams.schemas.ModelSpec;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/** Declares a model by publishing its spec to the compacted models topic, key = model id. */
public final class ModelDeclaration {

    private ModelDeclaration() {
    }

    /**
     * Publishes {@code spec} to the models topic of {@code config}'s cluster and waits until the brokers have it;
     * throws if they refuse it (a principal without Write on the topic, a topic that does not exist).
     */
    public static void publish(ClientConfig config, ModelSpec spec) {
        try (KafkaProducer<String, ModelSpec> producer = new KafkaProducer<>(config.clientConfigs(),
                new StringSerializer(), config.avroSerde(ModelSpec.class).serializer())) {
            producer.send(new ProducerRecord<>(config.modelsTopic(), spec.getModelId(), spec)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("model " + spec.getModelId() + " was not declared on " + config.modelsTopic()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while declaring model " + spec.getModelId(), e);
        }
    }
}
