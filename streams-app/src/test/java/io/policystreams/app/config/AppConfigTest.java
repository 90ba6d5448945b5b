package io.policystreams.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.errors.DeadLetterDeserializationHandler;
import io.policystreams.app.errors.DeadLetterProcessingHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String TABLE_START = "<!-- app-config:start -->\n";
    private static final String TABLE_END = "<!-- app-config:end -->";

    @TempDir
    Path directory;

    @Test
    void defaultsAreExactlyOnceWithTheDeadLetterHandlersWired() {
        Properties streams = new AppConfig(Map.of(AppConfig.SCHEMA_REGISTRY_URL, "mock://x")).streamsProperties();

        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("policy-streams", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("dead-letters", streams.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
        assertEquals(DeadLetterDeserializationHandler.class.getName(),
                streams.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterProcessingHandler.class.getName(),
                streams.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertFalse(streams.containsKey(AppConfig.EPISODE_IDLE_TIMEOUT_MS), "our own settings stay ours");
        assertEquals(25 << 20, streams.get("producer.max.request.size"), "3 x policy.max.bytes + 1 MiB");
        assertEquals(25 << 20, streams.get("topic.max.message.bytes"));
    }

    @Test
    void anExplicitRecordSizeWinsOverTheOneDerivedFromEpisodeAndPolicyMaxBytes() {
        Properties streams = new AppConfig(Map.of(AppConfig.SCHEMA_REGISTRY_URL, "mock://x",
                AppConfig.EPISODE_MAX_BYTES, 1 << 20, AppConfig.POLICY_MAX_BYTES, 64 << 10,
                "producer.max.request.size", "5000000")).streamsProperties();

        assertEquals("5000000", streams.get("producer.max.request.size"));
        assertEquals(2 << 20, streams.get("topic.max.message.bytes"), "episode.max.bytes + 1 MiB");
    }

    @Test
    void aFilesUnknownSettingsPassThroughToKafkaStreamsAndItsRegistryToTheSerdes() throws IOException {
        Path file = directory.resolve("app.properties");
        Files.writeString(file, "schema.registry.url=http://registry:8081\ncommit.interval.ms=250\n");

        AppConfig config = AppConfig.load(file, Map.of(), Map.of());

        assertEquals("250", config.streamsProperties().get("commit.interval.ms"), "unknown keys pass through");
        assertEquals("http://registry:8081", config.serdeConfigs().get(AppConfig.SCHEMA_REGISTRY_URL));
        assertFalse(config.clientConfigs().containsKey(AppConfig.LEARNER_PARTITIONS), "our own settings stay ours");
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> new AppConfig(Map.of(
                AppConfig.SCHEMA_REGISTRY_URL, "mock://x", AppConfig.LEARNER_PARTITIONS, "0")));
        assertTrue(e.getMessage().contains(AppConfig.LEARNER_PARTITIONS), e.getMessage());
        assertThrows(ConfigException.class, () -> new AppConfig(Map.of()), "the registry URL is required");
        assertThrows(ConfigException.class, () -> AppConfig.load(directory.resolve("missing.properties"), Map.of(),
                Map.of()));
    }

    @Test
    void theReadmeTableIsGeneratedFromTheConfigDef() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, "README.md needs the markers " + TABLE_START.trim() + " and "
                + TABLE_END);
        String expected = AppConfig.markdownTable();
        Path candidate = Path.of("target", "app-config-table.md");
        Files.writeString(candidate, expected);
        assertEquals(expected, readme.substring(start + TABLE_START.length(), end),
                "the README's configuration table is stale; replace it with streams-app/" + candidate);
    }
}
