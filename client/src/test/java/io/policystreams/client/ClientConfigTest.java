package io.policystreams.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {

    @TempDir
    Path directory;

    @Test
    void aFileThenTheEnvironmentThenFlagsEachWin() throws IOException {
        Path file = directory.resolve("cluster.properties");
        Files.writeString(file, "schema.registry.url=http://registry:8081\nsteps.topic=from-file\n"
                + "models.topic=from-file\npolicies.topic=from-file\n");

        ClientConfig config = ClientConfig.load(file, Map.of("POLICY_STREAMS_MODELS_TOPIC", "from-env",
                "POLICY_STREAMS_POLICIES_TOPIC", "from-env", "PATH", "/usr/bin"),
                Map.of("policies.topic", "from-flag"));

        assertEquals("from-file", config.stepsTopic());
        assertEquals("from-env", config.modelsTopic());
        assertEquals("from-flag", config.policiesTopic());
        assertEquals("training-reports", config.reportsTopic(), "the default");
        assertEquals("dead-letters", config.deadLettersTopic());
        assertFalse(config.originals().containsKey("path"), "only POLICY_STREAMS_ variables are read");
    }

    @Test
    void clientsGetConnectionAndSecuritySerdesGetTheRegistryAndNeitherGetsOurOwnSettings() {
        ClientConfig config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, "broker:9092",
                ClientConfig.SCHEMA_REGISTRY_URL, "https://registry:8081", "security.protocol", "SASL_SSL",
                "basic.auth.user.info", "user:secret", "schema.registry.ssl.truststore.location", "/trust.jks",
                ClientConfig.STEPS_TOPIC, "my-steps"));

        assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL"),
                config.clientConfigs());
        assertEquals(Map.of("schema.registry.url", "https://registry:8081", "security.protocol", "SASL_SSL",
                "basic.auth.user.info", "user:secret", "schema.registry.ssl.truststore.location", "/trust.jks"),
                config.serdeConfigs());
    }

    @Test
    void theRegistryIsRequiredAndAnUnreadableFileIsNamed() {
        ConfigException missing = assertThrows(ConfigException.class, () -> new ClientConfig(Map.of()));
        assertTrue(missing.getMessage().contains(ClientConfig.SCHEMA_REGISTRY_URL), missing.getMessage());
        ConfigException unreadable = assertThrows(ConfigException.class,
                () -> ClientConfig.load(directory.resolve("missing.properties"), Map.of(), Map.of()));
        assertTrue(unreadable.getMessage().contains("missing.properties"), unreadable.getMessage());
    }

    @Test
    void aMalformedRegistryUrlIsRefusedWhenTheSettingsAreReadAndAListIsAccepted() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ClientConfig(Map.of(ClientConfig.SCHEMA_REGISTRY_URL, "registry:8081")));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
        assertEquals("http://a:8081,http://b:8081", new ClientConfig(Map.of(ClientConfig.SCHEMA_REGISTRY_URL,
                "http://a:8081,http://b:8081")).serdeConfigs().get(ClientConfig.SCHEMA_REGISTRY_URL));
    }

    @Test
    void everyProgramsFlagsSetTheirSettingsOverTheFile() throws IOException {
        Path file = directory.resolve("cluster.properties");
        Files.writeString(file, "bootstrap.servers=from-file:9092\nschema.registry.url=http://from-file\n"
                + "steps.topic=from-file\n");
        Arguments arguments = Program.parse(ClientOptions.OPTIONS, "--config", file.toString(),
                "--bootstrap-servers", "from-flag:9092", "--steps-topic", "flag-steps", "--set",
                "security.protocol=SSL");

        ClientConfig config = new ClientConfig(ClientOptions.settings(arguments,
                Map.of("POLICY_STREAMS_SCHEMA_REGISTRY_URL", "http://from-env")));

        assertEquals("from-flag:9092", config.getString(ClientConfig.BOOTSTRAP_SERVERS));
        assertEquals("http://from-env", config.getString(ClientConfig.SCHEMA_REGISTRY_URL));
        assertEquals("flag-steps", config.stepsTopic());
        assertEquals("SSL", config.clientConfigs().get("security.protocol"));
    }
}
