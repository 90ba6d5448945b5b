package io.policystreams.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Confluent's compatibility levels, version numbering and deletes, on three versions of one record. */
class InMemorySchemaRegistryTest {

    /** v1 {a}; v2 adds b with a default; v3 drops a (a had no default). */
    private static final Schema V1 = record("{\"name\": \"a\", \"type\": \"int\"}");
    private static final Schema V2 = record("{\"name\": \"a\", \"type\": \"int\"}, "
            + "{\"name\": \"b\", \"type\": \"int\", \"default\": 0}");
    private static final Schema V3 = record("{\"name\": \"b\", \"type\": \"int\", \"default\": 0}");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}");
    }

    @Test
    void eachLevelChecksItsDirectionAgainstTheLatestOrEveryVersion() {
        registry.register("s", V1);
        registry.register("s", V2);
        assertTrue(registry.isCompatible("s", V3), "BACKWARD: v3 reads v2 (b has a default, a is ignored)");
        registry.setSubjectLevel("s", "BACKWARD_TRANSITIVE");
        assertTrue(registry.isCompatible("s", V3), "v3 reads v1 too: b defaults");
        registry.setSubjectLevel("s", "FORWARD");
        assertFalse(registry.isCompatible("s", V3), "FORWARD: v2 cannot read v3 (no a, no default)");
        registry.setSubjectLevel("s", "FULL");
        assertTrue(registry.isCompatible("s", V2, "1"), "v1 and v2 read each other");
        assertFalse(registry.isCompatible("s", V3));
        registry.setSubjectLevel("s", "NONE");
        assertTrue(registry.isCompatible("s", V3));
        assertEquals("BACKWARD", registry.globalLevel());
        assertEquals(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, assertThrows(
                SchemaRegistryException.class, () -> registry.setGlobalLevel("SIDEWAYS")).errorCode());
    }

    @Test
    void versionsAreNumberedPerSubjectAndIdsAreGlobal() {
        int id = registry.register("s", V1);
        assertEquals(id, registry.register("t", V1));
        registry.register("s", V2);
        assertEquals(List.of(1, 2), registry.versionNumbers("s", false));
        assertEquals(2, registry.version("s", "latest").version());
        assertEquals(List.of("s", "t"), registry.versionsOfId(id).stream().map(InMemorySchemaRegistry.Version::subject)
                .toList());
        assertEquals(SchemaRegistryException.INVALID_VERSION, assertThrows(SchemaRegistryException.class,
                () -> registry.version("s", "zero")).errorCode());
    }

    @Test
    void aSoftDeleteHidesVersionsAndAPermanentOneNeedsItFirst() {
        registry.register("s", V1);
        registry.register("s", V2);
        assertEquals(SchemaRegistryException.VERSION_NOT_SOFT_DELETED, assertThrows(SchemaRegistryException.class,
                () -> registry.deleteVersion("s", "2", true)).errorCode());
        assertEquals(2, registry.deleteVersion("s", "2", false));
        assertEquals(List.of(1), registry.versionNumbers("s", false));
        assertEquals(List.of(1, 2), registry.versionNumbers("s", true));
        assertEquals(1, registry.version("s", "latest").version(), "v1 is the latest live one");
        registry.register("s", V2);
        assertEquals(List.of(1, 3), registry.versionNumbers("s", false), "numbers go on after a deleted one");
        assertEquals(List.of(1, 3), registry.deleteSubject("s", false));
        assertEquals(List.of(), registry.subjects(false));
        assertEquals(List.of("s"), registry.subjects(true));
        assertEquals(List.of(1, 2, 3), registry.deleteSubject("s", true));
        assertEquals(List.of(), registry.subjects(true));
    }
}
