package io.policystreams.simulator.runtime;

import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.serde.AvroSerdes;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Declares a model by publishing its spec to the compacted models topic, key = model id. */
public final class ModelDeclaration {

    private ModelDeclaration() {
    }

    /** @param clientConfigs bootstrap.servers, security and the registry settings of the serde */
    public static void publish(Map<String, Object> clientConfigs, String modelsTopic, ModelSpec spec) {
        try (KafkaProducer<String, ModelSpec> producer = new KafkaProducer<>(clientConfigs, new StringSerializer(),
                AvroSerdes.forType(ModelSpec.class, clientConfigs, false).serializer())) {
            producer.send(new ProducerRecord<>(modelsTopic, spec.getModelId(), spec));
            producer.flush();
        }
    }
}
