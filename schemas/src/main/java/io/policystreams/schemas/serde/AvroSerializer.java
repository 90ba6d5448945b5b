package io.policystreams.schemas.serde;

import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryClient;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import io.policystreams.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format, registering (or looking up) the record's schema, as
 * the repository's {@code .avsc} files write it ({@link PortableSchemas}), under the topic-name subject
 * {@code <topic>-value} or {@code <topic>-key}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean autoRegister;
    private boolean isKey;
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryConfig config = new SchemaRegistryConfig(configs);
        this.registry = SchemaRegistries.forConfig(config);
        this.autoRegister = config.autoRegisterSchemas();
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("configure() the serializer with schema.registry.url first");
        }
        Schema schema = record.getSchema();
        int id = schemaId(Subjects.of(topic, isKey), PortableSchemas.of(schema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.MAGIC_BYTE);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getFullName() + " to " + topic + ": " + e, e);
        }
    }

    private int schemaId(String subject, Schema schema) {
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.UNREACHABLE) {
                throw new RegistryUnavailableException(e.getMessage(), e);
            }
            throw new SerializationException("schema " + schema.getFullName() + " under subject " + subject
                    + " was refused by the registry (error " + e.errorCode() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
