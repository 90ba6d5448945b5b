package io.policystreams.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The schema a record is registered under: its generated class's schema without the {@code avro.java.string}
 * hints that avro-maven-plugin adds for Java, which is exactly what the repository's {@code .avsc} files say. A
 * producer in another language that uses those files then finds the registered version
 * ({@code auto.register.schemas=false}) instead of "40403 Schema not found", or registering a second version.
 * The hints never change a byte on the wire.
 */
public final class PortableSchemas {

    static final String JAVA_STRING_PROPERTY = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Schema, Schema> PORTABLE = new ConcurrentHashMap<>();

    private PortableSchemas() {
    }

    /** {@code schema} without any {@code avro.java.string} property, at any depth. */
    public static Schema of(Schema schema) {
        return PORTABLE.computeIfAbsent(schema, PortableSchemas::strip);
    }

    private static Schema strip(Schema schema) {
        try {
            JsonNode json = JSON.readTree(schema.toString());
            removeJavaHints(json);
            return new Schema.Parser().parse(JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite schema " + schema.getFullName(), e);
        }
    }

    private static void removeJavaHints(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(JAVA_STRING_PROPERTY);
        }
        node.forEach(PortableSchemas::removeJavaHints);
    }
}
