package io.policystreams.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryUrlsTest {

    @Test
    void aListIsConfluentsCommaSeparatedBaseUrlsInOrder() {
        assertEquals(List.of("http://a:8081", "https://b.example.com/registry"),
                RegistryUrls.parse("schema.registry.url", " http://a:8081 , https://b.example.com/registry/"));
        assertEquals(List.of("mock://demo"), RegistryUrls.parse("schema.registry.url", "mock://demo"));
    }

    @Test
    void aMalformedValueIsRefusedWhenTheConfigurationIsReadNamingTheUrl() {
        for (String bad : new String[] {"localhost:8081", "htp://a:8081", "http://", "http://a:8081,,http://b",
            "http://a:8081,mock://x", "mock://", "mock://a,mock://b", "http://a b"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, bad)), bad);
            assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
        }
    }
}
