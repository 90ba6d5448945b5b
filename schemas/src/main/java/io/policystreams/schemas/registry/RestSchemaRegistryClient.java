package io.policystreams.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of Confluent's Schema Registry REST API (v1 JSON): {@code POST /subjects/{s}/versions},
 * {@code POST /subjects/{s}} (look up), {@code GET /schemas/ids/{id}},
 * {@code POST /compatibility/subjects/{s}/versions/latest}. Caches ids and schemas; retries unreachable or 5xx
 * answers with doubling backoff, then raises {@link SchemaRegistryException}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    /** The base URL in use: the first that answered, moved on when it cannot be reached. */
    private final AtomicInteger current = new AtomicInteger();
    private final HttpClient http;
    private final String authorization;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final long backoffMs;
    private final long maxBackoffMs;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        this.baseUrls = config.urls();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(
                Duration.ofMillis(config.getInt(SchemaRegistryConfig.REQUEST_TIMEOUT_MS)));
        String trustStore = config.getString(SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION);
        if (!trustStore.isEmpty()) {
            builder.sslContext(sslContext(trustStore,
                    config.getPassword(SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD).value(),
                    config.getString(SchemaRegistryConfig.SSL_TRUSTSTORE_TYPE)));
        }
        this.http = builder.build();
        String userInfo = config.basicAuthUserInfo();
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = Duration.ofMillis(config.getInt(SchemaRegistryConfig.REQUEST_TIMEOUT_MS));
        this.maxRetries = config.getInt(SchemaRegistryConfig.MAX_RETRIES);
        this.backoffMs = config.getLong(SchemaRegistryConfig.RETRY_BACKOFF_MS);
        this.maxBackoffMs = config.getLong(SchemaRegistryConfig.RETRY_BACKOFF_MAX_MS);
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, () -> post("/subjects/" + encode(subject) + "/versions", schemaBody(schema)));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, () -> post("/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema fetched = new Schema.Parser().parse(send("GET", "/schemas/ids/" + id, null).get("schema").asText());
        Schema raced = schemasById.putIfAbsent(id, fetched);
        return raced != null ? raced : fetched;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return answer.get("is_compatible").asBoolean();
    }

    /** The cached id, or the one the registry answers (called outside any map lock: it may retry and back off). */
    private int cachedId(String subject, Schema schema, Supplier<JsonNode> request) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        int id = request.get().get("id").asInt();
        ids.putIfAbsent(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private JsonNode post(String path, String body) {
        return send("POST", path, body);
    }

    /**
     * One request, retried while the registry is unreachable or answers 5xx; each failure moves on to the next
     * base URL of the list, if there are several.
     */
    private JsonNode send(String method, String path, String body) {
        long backoff = backoffMs;
        for (int attempt = 0; ; attempt++) {
            int index = current.get();
            String baseUrl = baseUrls.get(index);
            String failure;
            try {
                HttpResponse<String> response = http.send(request(baseUrl, method, path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() < 300) {
                    return JSON.readTree(response.body());
                }
                SchemaRegistryException error = errorOf(response);
                if (response.statusCode() < 500) {
                    throw error;
                }
                failure = error.getMessage();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted calling " + method + " " + baseUrl + path, e);
            }
            current.compareAndSet(index, (index + 1) % baseUrls.size());
            if (attempt >= maxRetries) {
                throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, "schema registry "
                        + String.join(",", baseUrls) + " failed " + method + " " + path + " after " + (attempt + 1)
                        + " attempts: " + failure);
            }
            LOG.warn("schema registry {} {} {} failed ({}); retry {} of {} in {} ms{}", baseUrl, method, path,
                    failure, attempt + 1, maxRetries, backoff,
                    baseUrls.size() > 1 ? " at " + baseUrls.get(current.get()) : "");
            pause(backoff);
            backoff = Math.min(maxBackoffMs, backoff * 2);
        }
    }

    private HttpRequest request(String baseUrl, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static SchemaRegistryException errorOf(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body());
            return new SchemaRegistryException(error.path("error_code").asInt(response.statusCode()),
                    error.path("message").asText("HTTP " + response.statusCode()));
        } catch (IOException e) {
            return new SchemaRegistryException(response.statusCode(),
                    "HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while backing off", e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SSLContext sslContext(String location, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trustStore = KeyStore.getInstance(type);
            trustStore.load(in, password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the registry trust store " + location + ": " + e, e);
        }
    }
}
