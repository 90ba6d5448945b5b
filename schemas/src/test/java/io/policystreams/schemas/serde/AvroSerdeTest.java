package io.policystreams.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.InMemorySchemaRegistry;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "steps";

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

    @AfterEach
    void dropRegistry() {
        SchemaRegistries.dropScope(scope);
    }

    @Test
    void writesConfluentWireFormatAndReadsItBack() {
        Serde<Step> serde = AvroSerdes.forType(Step.class, config, false);
        Step step = step();

        byte[] bytes = serde.serializer().serialize(TOPIC, step);

        int id = SchemaRegistries.inMemoryScope(scope).idOf("steps-value",
                PortableSchemas.of(Step.getClassSchema()));
        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertEquals(0, header.get(), "magic byte");
        assertEquals(id, header.getInt(), "schema id, big-endian");
        assertEquals(step, serde.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void aSerdeWithoutATypeReadsTheClassTheWriterSchemaNames() {
        AvroSerde<Step> untyped = new AvroSerde<>();
        untyped.configure(config, false);

        assertEquals(step(), untyped.deserializer().deserialize(TOPIC, untyped.serializer().serialize(TOPIC, step())));
    }

    @Test
    void keysUseTheKeySubject() {
        AvroSerdes.forType(Step.class, config, true).serializer().serialize(TOPIC, step());

        assertEquals(List.of(PortableSchemas.of(Step.getClassSchema())),
                SchemaRegistries.inMemoryScope(scope).versions("steps-key"), "registered as Step.avsc writes it");
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<Step> serde = AvroSerdes.forType(Step.class, config, false);
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }

    @Test
    void aWrongMagicByteIsAMalformedRecord() {
        byte[] bytes = serialized();
        bytes[0] = 7;

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> deserialize(bytes));
        assertEquals("unknown magic byte 7: expected 0 (Confluent Schema Registry wire format)", e.getMessage());
    }

    @Test
    void anUnknownSchemaIdIsAMalformedRecord() {
        byte[] bytes = serialized();
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> deserialize(bytes));
        assertTrue(e.getMessage().startsWith("unknown schema id 4242 (registry error 40403"), e.getMessage());
    }

    @Test
    void truncatedOrCorruptAvroIsAMalformedRecord() {
        byte[] bytes = serialized();

        assertThrows(MalformedRecordException.class, () -> deserialize(Arrays.copyOf(bytes, 3)));
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> deserialize(Arrays.copyOf(bytes, 12)));
        assertTrue(e.getMessage().startsWith("cannot decode Avro written with schema id"), e.getMessage());
    }

    @Test
    void anArrayLengthTheRecordCannotHoldIsRejectedBeforeAllocating() throws IOException {
        byte[] bytes = stepPrefixThenObservationCount(Integer.MAX_VALUE - 16);

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> deserialize(bytes));
        assertTrue(e.getMessage().contains("claims 2147483631 items, more than the"), e.getMessage());
    }

    @Test
    void aStringLengthTheRecordCannotHoldIsRejectedBeforeAllocating() throws IOException {
        ByteArrayOutputStream out = wireFormatHeader();
        BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(out, null);
        avro.writeLong(Integer.MAX_VALUE);
        avro.flush();

        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> deserialize(out.toByteArray()));
        assertTrue(e.getMessage().contains("string length 2147483647 is impossible in a record of"), e.getMessage());
    }

    @Test
    void trailingBytesAfterAValidRecordAreMalformed() {
        byte[] valid = serialized();
        byte[] padded = Arrays.copyOf(valid, valid.length + 3);

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> deserialize(padded));
        assertTrue(e.getMessage().contains("trailing bytes after the Avro record"), e.getMessage());
        assertEquals(step(), deserialize(valid));
    }

    /** The wire-format header and a Step's fields before its observation array. */
    private ByteArrayOutputStream wireFormatHeaderAndStepFields() throws IOException {
        ByteArrayOutputStream out = wireFormatHeader();
        BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(out, null);
        avro.writeString("m");
        avro.writeString("e");
        avro.writeInt(0);
        avro.flush();
        return out;
    }

    /** A 20-odd-byte Step whose observation array claims {@code claimedItems} items and holds one. */
    private byte[] stepPrefixThenObservationCount(long claimedItems) throws IOException {
        ByteArrayOutputStream out = wireFormatHeaderAndStepFields();
        BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(out, null);
        avro.writeLong(claimedItems);
        avro.writeDouble(0.5);
        avro.flush();
        return out.toByteArray();
    }

    private ByteArrayOutputStream wireFormatHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(serialized(), WireFormat.HEADER_LENGTH));
        return out;
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefused() {
        Serde<Step> serde = AvroSerdes.forType(Step.class, Map.of(
                SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS, false), false);

        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize(TOPIC, step()));
        assertTrue(e.getMessage().contains("steps-value was refused by the registry (error 40401)"), e.getMessage());
    }

    @Test
    void theSerdeClassIsAConfigurationChoice() {
        Serde<Step> configured = AvroSerdes.forType(Step.class, Map.of(
                SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdes.SERDE_CLASS, RecordingSerde.class.getName()), false);

        RecordingSerde recording = assertInstanceOf(RecordingSerde.class, configured);
        assertEquals("mock://" + scope, recording.configs.get(SchemaRegistryConfig.SCHEMA_REGISTRY_URL));
        assertInstanceOf(AvroSerde.class, AvroSerdes.forType(Step.class, config, false));
        ConfigException e = assertThrows(ConfigException.class, () -> AvroSerdes.forType(Step.class, Map.of(
                SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdes.SERDE_CLASS, "io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde"), false));
        assertTrue(e.getMessage().contains("avro.serde.class"), e.getMessage());
    }

    @Test
    void aSerializerNeedsItsConfiguration() {
        assertThrows(IllegalStateException.class, () -> new AvroSerializer<Step>().serialize(TOPIC, step()));
        assertArrayEquals(null, new AvroSerializer<Step>().serialize(TOPIC, null));
    }

    @Test
    void serializerAndDeserializerConfiguredApartShareTheScope() {
        AvroSerializer<Step> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        AvroDeserializer<Step> deserializer = new AvroDeserializer<>(Step.class);
        deserializer.configure(config, false);

        assertEquals(step(), deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, step())));
        assertInstanceOf(InMemorySchemaRegistry.class, SchemaRegistries.forConfig(new SchemaRegistryConfig(config)));
    }

    private byte[] serialized() {
        return AvroSerdes.forType(Step.class, config, false).serializer().serialize(TOPIC, step());
    }

    private Step deserialize(byte[] bytes) {
        return AvroSerdes.forType(Step.class, config, false).deserializer().deserialize(TOPIC, bytes);
    }

    static Step step() {
        return Step.newBuilder()
                .setModelId("cartpole")
                .setEpisodeId("e-7")
                .setStepIndex(2)
                .setObservation(List.of(0.01, -0.02, 0.03, 0.04))
                .setAction(new DiscreteAction(1))
                .setReward(1.0)
                .setTerminated(false)
                .setTruncated(false)
                .setBehaviourLogProb(-0.69)
                .setPolicyVersion(3L)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setSimulatorId("sim-1")
                .build();
    }

    /** A Serde with a no-argument constructor that records its configuration, as Confluent's would be configured. */
    public static final class RecordingSerde implements Serde<Step> {
        Map<String, ?> configs;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            this.configs = configs;
        }

        @Override
        public org.apache.kafka.common.serialization.Serializer<Step> serializer() {
            throw new UnsupportedOperationException("configuration test only");
        }

        @Override
        public org.apache.kafka.common.serialization.Deserializer<Step> deserializer() {
            throw new UnsupportedOperationException("configuration test only");
        }
    }
}
