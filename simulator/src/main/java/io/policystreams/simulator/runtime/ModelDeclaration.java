package io.policystreams.simulator.runtime;

import io.policystreams.client.ClientConfig;
import io.policystreams.schemas.ModelSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Declares a model by publishing its spec to the compacted models topic, key = model id. */
public final class ModelDeclaration {

    private ModelDeclaration() {
    }

    /** Publishes {@code spec} to the models topic of {@code config}'s cluster. */
    public static void publish(ClientConfig config, ModelSpec spec) {
        try (KafkaProducer<String, ModelSpec> producer = new KafkaProducer<>(config.clientConfigs(),
                new StringSerializer(), config.avroSerde(ModelSpec.class).serializer())) {
            producer.send(new ProducerRecord<>(config.modelsTopic(), spec.getModelId(), spec));
            producer.flush();
        }
    }
}
