package io.policystreams.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the registry client for a configuration: {@code mock://<scope>} gives the in-memory registry of that
 * scope (one per scope and JVM, so separately configured serializers and deserializers share it, as with
 * Confluent's serde), any other URL the REST client.
 */
public final class SchemaRegistries {

    private static final String MOCK_PREFIX = RegistryUrls.MOCK_PREFIX;
    private static final Map<String, InMemorySchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient forConfig(SchemaRegistryConfig config) {
        String url = config.url().trim();
        if (url.startsWith(MOCK_PREFIX)) {
            return inMemoryScope(url.substring(MOCK_PREFIX.length()));
        }
        return new RestSchemaRegistryClient(config);
    }

    /** The in-memory registry of a mock:// scope, created on first use. */
    public static InMemorySchemaRegistry inMemoryScope(String scope) {
        return MOCK_SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a mock:// scope, e.g. between tests. */
    public static void dropScope(String scope) {
        MOCK_SCOPES.remove(scope);
    }
}
