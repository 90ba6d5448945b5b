package io.policystreams.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each topic schema's current version must be BACKWARD compatible with every version kept in
 * {@code schemas/history/<Name>/v<n>.avsc}: a consumer on the current schema reads all data ever written.
 * The latest kept version must equal the current schema, so every published change leaves a history entry.
 */
class SchemaHistoryTest {

    private static final Path HISTORY = Paths.get("history");
    private static final Path CANDIDATES = Paths.get("target", "schema-history-candidates");
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    @TestFactory
    Stream<DynamicTest> currentSchemaReadsEveryKeptVersion() {
        return TopicSchemas.ALL.entrySet().stream().flatMap(entry -> {
            Schema current = entry.getValue();
            return keptVersions(entry.getKey()).stream().map(kept -> DynamicTest.dynamicTest(
                    entry.getKey() + " reads " + kept.getFileName(),
                    () -> assertBackwardCompatible(current, parse(kept), kept)));
        });
    }

    @Test
    void latestKeptVersionIsTheCurrentSchema() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : TopicSchemas.ALL.entrySet()) {
            List<Path> kept = keptVersions(entry.getKey());
            Schema latest = kept.isEmpty() ? null : parse(kept.get(kept.size() - 1));
            if (!entry.getValue().equals(latest)) {
                Path candidate = CANDIDATES.resolve(entry.getKey()).resolve("v" + (kept.size() + 1) + ".avsc");
                Files.createDirectories(candidate.getParent());
                Files.writeString(candidate, SchemaFormatter.format("json/pretty", entry.getValue()) + "\n");
                missing.add(entry.getKey() + ": copy schemas/" + candidate + " to schemas/"
                        + HISTORY.resolve(entry.getKey()).resolve(candidate.getFileName()));
            }
        }
        assertTrue(missing.isEmpty(), "Schemas changed without a history entry:\n" + String.join("\n", missing));
    }

    @Test
    void keptVersionsShipOnTheClasspathOldestFirst() {
        for (Map.Entry<String, Schema> entry : TopicSchemas.ALL.entrySet()) {
            List<Schema> shipped = TopicSchemas.keptVersions(entry.getKey());
            List<Schema> kept = keptVersions(entry.getKey()).stream().map(SchemaHistoryTest::parse).toList();

            assertEquals(kept, shipped, entry.getKey());
        }
    }

    @Test
    void historyCheckRejectsANewFieldWithoutDefault() {
        Schema current = Step.getClassSchema();
        Schema withRequiredField = new Schema.Parser().parse(current.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"doc\":\"new\"},"));

        assertFalse(isBackwardCompatible(withRequiredField, current));
    }

    @Test
    void historyCheckAcceptsANewFieldWithDefault() {
        Schema current = Step.getClassSchema();
        Schema withOptionalField = new Schema.Parser().parse(current.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"priority\",\"type\":\"int\",\"default\":0,\"doc\":\"new\"},"));

        assertTrue(isBackwardCompatible(withOptionalField, current));
    }

    @Test
    void everyTopicSchemaHasAHistory() {
        for (String name : TopicSchemas.ALL.keySet()) {
            assertFalse(keptVersions(name).isEmpty(), "no kept versions under schemas/history/" + name);
        }
    }

    private static void assertBackwardCompatible(Schema reader, Schema writer, Path writerFile) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                () -> "current schema cannot read data written with " + writerFile + ": " + result.getResult());
    }

    private static boolean isBackwardCompatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    private static List<Path> keptVersions(String schemaName) {
        Path dir = HISTORY.resolve(schemaName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(SchemaHistoryTest::versionOf))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    private static int versionOf(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Integer.parseInt(m.group(1));
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
