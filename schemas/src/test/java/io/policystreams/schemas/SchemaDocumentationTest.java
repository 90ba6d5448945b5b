package io.policystreams.schemas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Every named type and every field of every topic schema carries a {@code doc}. */
class SchemaDocumentationTest {

    @Test
    void everyTypeAndFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TopicSchemas.ALL.values().forEach(schema -> collectUndocumented(schema, seen, undocumented));
        assertTrue(undocumented.isEmpty(), "missing doc: " + undocumented);
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                for (Schema.Field field : schema.getFields()) {
                    requireDoc(field.doc(), schema.getName() + "." + field.name(), undocumented);
                    collectUndocumented(field.schema(), seen, undocumented);
                }
                break;
            case ENUM:
                if (seen.add(schema.getFullName())) {
                    requireDoc(schema.getDoc(), schema.getFullName(), undocumented);
                }
                break;
            case ARRAY:
                collectUndocumented(schema.getElementType(), seen, undocumented);
                break;
            case MAP:
                collectUndocumented(schema.getValueType(), seen, undocumented);
                break;
            case UNION:
                schema.getTypes().forEach(branch -> collectUndocumented(branch, seen, undocumented));
                break;
            default:
                break;
        }
    }

    private static void requireDoc(String doc, String where, List<String> undocumented) {
        if (doc == null || doc.isBlank()) {
            undocumented.add(where);
        }
    }
}
