package io.policystreams.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.policystreams.schemas.Step;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST client over real HTTP against {@link ConfluentApiServer}, or against a live registry given as
 * {@code -Dschema.registry.test.url=http://host:8081} (tests that inject failures then skip).
 */
class RestSchemaRegistryClientTest {

    private static final String LIVE_URL = System.getProperty("schema.registry.test.url");
    private static ConfluentApiServer server;

    private final String subject = "policy-streams-test-" + UUID.randomUUID() + "-value";

    @BeforeAll
    static void startServer() throws IOException {
        if (LIVE_URL == null) {
            server = new ConfluentApiServer();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registersLooksUpAndFetchesASchema() {
        RestSchemaRegistryClient client = client(Map.of());
        Schema schema = Step.getClassSchema();

        int id = client.register(subject, schema);

        assertEquals(id, client(Map.of()).idOf(subject, schema));
        assertEquals(schema, client(Map.of()).schemaById(id));
        assertEquals(id, client(Map.of()).register(subject, schema), "registering again gives the same id");
    }

    @Test
    void checksCompatibilityAgainstTheLatestVersion() {
        RestSchemaRegistryClient client = client(Map.of());
        client.register(subject, Step.getClassSchema());

        assertTrue(client.isCompatible(subject, withField(Step.getClassSchema(), "\"default\":0,")));
        assertFalse(client.isCompatible(subject, withField(Step.getClassSchema(), "")));
    }

    @Test
    void refusesAnIncompatibleSchemaWithErrorCode409() {
        RestSchemaRegistryClient client = client(Map.of());
        client.register(subject, Step.getClassSchema());

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register(subject, withField(Step.getClassSchema(), "")));
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
    }

    @Test
    void reportsUnknownSchemaIdsAndSubjectsWithTheirErrorCodes() {
        RestSchemaRegistryClient client = client(Map.of());

        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> client.schemaById(987_654_321)).errorCode());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> client.isCompatible(subject, Step.getClassSchema())).errorCode());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> client.idOf(subject, Step.getClassSchema())).errorCode());
    }

    @Test
    void answersAnInvalidSchemaWith42201() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"nonsense\\\"}\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("\"error_code\":42201"), response.body());
    }

    @Test
    void servesRepeatedLookupsFromItsCache() {
        assumeTrue(server != null, "needs the in-process server");
        RestSchemaRegistryClient client = client(Map.of());
        int id = client.register(subject, Step.getClassSchema());
        int before = server.requestCount();

        client.register(subject, Step.getClassSchema());
        client.idOf(subject, Step.getClassSchema());
        client.schemaById(id);

        assertEquals(before, server.requestCount());
    }

    @Test
    void retriesServerErrorsWithBackoff() {
        assumeTrue(server != null, "needs the in-process server");
        RestSchemaRegistryClient client = client(Map.of(SchemaRegistryConfig.MAX_RETRIES, 3));
        server.failNext(2);
        int before = server.requestCount();

        client.register(subject, Step.getClassSchema());

        assertEquals(3, server.requestCount() - before);
    }

    @Test
    void givesUpWithAClearErrorAfterItsRetries() {
        assumeTrue(server != null, "needs the in-process server");
        RestSchemaRegistryClient client = client(Map.of(SchemaRegistryConfig.MAX_RETRIES, 2));
        server.failNext(10);
        try {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                    () -> client.register(subject, Step.getClassSchema()));
            assertEquals(SchemaRegistryException.UNREACHABLE, e.errorCode());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
            assertTrue(e.getMessage().contains("Error in the backend data store"), e.getMessage());
        } finally {
            server.failNext(0);
        }
    }

    @Test
    void aRegistryThatIsDownIsUnreachableAfterRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = baseConfig("http://127.0.0.1:" + closedPort);
        config.put(SchemaRegistryConfig.MAX_RETRIES, 1);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> new RestSchemaRegistryClient(new SchemaRegistryConfig(config)).schemaById(1));
        assertEquals(SchemaRegistryException.UNREACHABLE, e.errorCode());
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    }

    @Test
    void aListOfUrlsFailsOverFromOneThatIsDownToTheNextAndStaysThere() throws IOException {
        assumeTrue(server != null, "needs the in-process server");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = baseConfig("http://127.0.0.1:" + closedPort + ", " + url() + "/");
        config.put(SchemaRegistryConfig.MAX_RETRIES, 1);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(new SchemaRegistryConfig(config));

        int id = client.register(subject, Step.getClassSchema());
        int before = server.requestCount();
        client.isCompatible(subject, Step.getClassSchema());

        assertTrue(id > 0);
        assertEquals(1, server.requestCount() - before, "the next request goes to the URL that answered");
    }

    @Test
    void sendsBasicAuthenticationFromUserInfo() {
        assumeTrue(server != null, "needs the in-process server");
        server.requireBasicAuth("learner", "s3cret");
        try {
            assertEquals(401, assertThrows(SchemaRegistryException.class,
                    () -> client(Map.of()).register(subject, Step.getClassSchema())).errorCode());

            int id = client(Map.of(SchemaRegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                    SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "learner:s3cret")).register(subject,
                    Step.getClassSchema());
            assertTrue(id > 0);
        } finally {
            server.requireBasicAuth(null, null);
        }
    }

    private static String url() {
        return LIVE_URL != null ? LIVE_URL : server.url();
    }

    private static RestSchemaRegistryClient client(Map<String, Object> overrides) {
        Map<String, Object> config = baseConfig(url());
        config.putAll(overrides);
        return new RestSchemaRegistryClient(new SchemaRegistryConfig(config));
    }

    private static Map<String, Object> baseConfig(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, url);
        config.put(SchemaRegistryConfig.RETRY_BACKOFF_MS, 1L);
        return config;
    }

    /** The schema with a new int field "priority" first, declared with {@code defaultClause}. */
    private static Schema withField(Schema schema, String defaultClause) {
        return new Schema.Parser().parse(schema.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"priority\",\"type\":\"int\"," + defaultClause + "\"doc\":\"new\"},"));
    }
}
