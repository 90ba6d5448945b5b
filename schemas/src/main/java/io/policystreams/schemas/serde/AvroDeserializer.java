package io.policystreams.schemas.serde;

import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryClient;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import io.policystreams.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into specific records. The writer's schema comes from the registry by id
 * and is resolved against the reader's: {@code type}'s schema when given, else the generated class named by
 * the writer schema (Confluent's {@code specific.avro.reader}). Undecodable bytes raise
 * {@link MalformedRecordException}: so are lengths the record's size cannot hold and trailing bytes
 * ({@link BoundedDecoder}). An unreachable registry raises {@link RegistryUnavailableException}.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** Reads into the class the writer schema names. */
    public AvroDeserializer() {
        this.readerSchema = null;
    }

    /** Reads into {@code type}, resolving older and newer writer schemas against its schema. */
    public AvroDeserializer(Class<T> type) {
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SchemaRegistries.forConfig(new SchemaRegistryConfig(configs));
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("configure() the deserializer with schema.registry.url first");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int id = WireFormat.readHeader(buffer);
        SpecificDatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        try {
            BoundedDecoder decoder = new BoundedDecoder(bytes, buffer.position(), buffer.remaining());
            T record = reader.read(null, decoder);
            decoder.requireEnd();
            return record;
        } catch (MalformedRecordException e) {
            throw new MalformedRecordException("cannot decode Avro written with schema id " + id + " from "
                    + topic + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Whatever the bytes make Avro throw (EOF, a bad union index, a negative length, ...) is the record's.
            throw new MalformedRecordException("cannot decode Avro written with schema id " + id + " from "
                    + topic + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writer = writerSchema(id);
        Schema reader = readerSchema != null ? readerSchema : generatedClassSchema(writer);
        return new SpecificDatumReader<>(writer, reader);
    }

    private Schema writerSchema(int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.UNREACHABLE) {
                throw new RegistryUnavailableException("cannot look up schema id " + id + ": " + e.getMessage(), e);
            }
            throw new MalformedRecordException("unknown schema id " + id + " (registry error " + e.errorCode()
                    + ": " + e.getMessage() + ")", e);
        }
    }

    private static Schema generatedClassSchema(Schema writer) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new MalformedRecordException("no generated class for " + writer.getFullName());
        }
        return SpecificData.get().getSchema(type);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
