package io.policystreams.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.InMemorySchemaRegistry;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import io.policystreams.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Through the registry and the wire format: a reader on today's Step reads data written with a newer compatible
 * version (a field added with a default), a reader on that newer version reads today's data, and an incompatible
 * version is refused.
 */
class SchemaEvolutionTest {

    private static final String TOPIC = "steps";
    private static final Schema CURRENT = Step.getClassSchema();
    private static final Schema NEWER = new Schema.Parser().parse(CURRENT.toString().replace("\"fields\":[",
            "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"default\":5,\"doc\":\"added later\"},"));

    private final String scope = "evolution-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

    @AfterEach
    void dropRegistry() {
        SchemaRegistries.dropScope(scope);
    }

    @Test
    void todaysReaderReadsDataWrittenWithANewerCompatibleVersion() throws IOException {
        InMemorySchemaRegistry registry = SchemaRegistries.inMemoryScope(scope);
        registry.register("steps-value", CURRENT);
        int newerId = registry.register("steps-value", NEWER);
        GenericRecord newer = asNewer(AvroSerdeTest.step());
        newer.put("priority", 9);

        Step read = AvroSerdes.forType(Step.class, config, false).deserializer()
                .deserialize(TOPIC, wireFormat(newerId, NEWER, newer));

        assertEquals(AvroSerdeTest.step(), read);
    }

    @Test
    void aNewerReaderReadsTodaysDataWithTheFieldDefault() throws IOException {
        byte[] bytes = AvroSerdes.forType(Step.class, config, false).serializer().serialize(TOPIC, AvroSerdeTest.step());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Schema writer = SchemaRegistries.inMemoryScope(scope).schemaById(WireFormat.readHeader(buffer));

        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, NEWER).read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, buffer.position(), bytes.length), null));

        assertEquals(5, read.get("priority"));
        assertEquals("e-7", read.get("episodeId").toString());
    }

    @Test
    void theRegistryRefusesAnIncompatibleVersion() {
        InMemorySchemaRegistry registry = SchemaRegistries.inMemoryScope(scope);
        registry.register("steps-value", CURRENT);
        Schema required = new Schema.Parser().parse(CURRENT.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"doc\":\"added later, no default\"},"));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> registry.register("steps-value", required));
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
        assertEquals(List.of(CURRENT), registry.versions("steps-value"));
    }

    /** The step as a generic record of the newer schema (copying every field of today's). */
    private static GenericRecord asNewer(Step step) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<Step>(CURRENT).write(step, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(CURRENT, NEWER, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] wireFormat(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
