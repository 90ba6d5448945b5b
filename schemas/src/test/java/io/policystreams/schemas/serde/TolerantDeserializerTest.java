package io.policystreams.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TolerantDeserializerTest {

    private final String scope = "tolerant-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

    @AfterEach
    void dropRegistry() {
        SchemaRegistries.dropScope(scope);
    }

    @Test
    void readsWhatItCanAndReadsUnreadableBytesAsAbsent() {
        Deserializer<Step> tolerant = new TolerantDeserializer<>(
                AvroSerdes.forType(Step.class, config, false).deserializer());
        byte[] good = AvroSerdes.forType(Step.class, config, false).serializer().serialize("t", AvroSerdeTest.step());
        byte[] text = "29 bytes of text, not a step!".getBytes(StandardCharsets.UTF_8);

        assertEquals(AvroSerdeTest.step(), tolerant.deserialize("t", good));
        assertNull(tolerant.deserialize("t", text));
        assertNull(tolerant.deserialize("t", new RecordHeaders(), text));
    }

    @Test
    void anUnreachableRegistryStillThrows() {
        Deserializer<Step> unreachable = (topic, data) -> {
            throw new RegistryUnavailableException("registry down", null);
        };
        Deserializer<Step> tolerant = new TolerantDeserializer<>(unreachable);

        assertThrows(RegistryUnavailableException.class, () -> tolerant.deserialize("t", new byte[] {0}));
    }
}
