package io.policystreams.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * An in-process HTTP server on 127.0.0.1 that answers the subset of Confluent's Schema Registry API the client
 * uses, with its bodies, content type and error codes, backed by {@link InMemorySchemaRegistry}. Tests can make
 * the next requests fail with 500 and require basic authentication.
 */
public final class ConfluentApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final InMemorySchemaRegistry store = new InMemorySchemaRegistry();
    private final SSLContext tls;
    private volatile HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private volatile String requiredAuthorization;

    /** Plain HTTP. */
    public ConfluentApiServer() throws IOException {
        this(null);
    }

    /** HTTPS with the given server context, or plain HTTP when null. */
    ConfluentApiServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.server = listen(new InetSocketAddress("127.0.0.1", 0));
    }

    private HttpServer listen(InetSocketAddress loopback) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
        return server;
    }

    /** Stops answering: connections to its port are refused, as when a registry is down. */
    public void stop() {
        server.stop(0);
    }

    /** Answers again on the same port, with the schemas it had. */
    public void restart() throws IOException {
        server = listen(server.getAddress());
    }

    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    int requestCount() {
        return requests.get();
    }

    /** The next {@code n} requests answer 500 with error code 50001. */
    void failNext(int n) {
        failuresToInject.set(n);
    }

    /** Requires these credentials from now on; null for none. */
    void requireBasicAuth(String user, String password) {
        requiredAuthorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 500, 50001, "Error in the backend data store");
                return;
            }
            String auth = requiredAuthorization;
            if (auth != null && !auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 401, "Unauthorized");
                return;
            }
            try {
                route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            } catch (RuntimeException e) {
                error(exchange, 500, 50001, "Error in the backend data store: " + e);
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        Matcher m;
        try {
            if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
                int id = store.register(subject(m), schemaOf(exchange));
                ok(exchange, JSON.createObjectNode().put("id", id));
            } else if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
                boolean compatible = store.isCompatible(subject(m), schemaOf(exchange));
                ok(exchange, JSON.createObjectNode().put("is_compatible", compatible));
            } else if (method.equals("POST") && (m = LOOKUP.matcher(path)).matches()) {
                Schema schema = schemaOf(exchange);
                int id = store.idOf(subject(m), schema);
                ok(exchange, JSON.createObjectNode().put("subject", subject(m)).put("id", id)
                        .put("version", store.versions(subject(m)).indexOf(schema) + 1)
                        .put("schema", schema.toString()));
            } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
                Schema schema = store.schemaById(Integer.parseInt(m.group(1)));
                ok(exchange, JSON.createObjectNode().put("schema", schema.toString()));
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        } catch (SchemaRegistryException e) {
            int status = e.errorCode() == SchemaRegistryException.INCOMPATIBLE_SCHEMA ? 409
                    : e.errorCode() == SchemaRegistryException.INVALID_SCHEMA ? 422 : 404;
            error(exchange, status, e.errorCode(), e.getMessage());
        }
    }

    private static String subject(Matcher m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaOf(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!RestSchemaRegistryClient.CONTENT_TYPE.equals(contentType)) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "unexpected content type " + contentType);
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (RuntimeException e) { // Avro 1.12 throws NullPointerException for an undefined type name
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: " + e.getMessage());
        }
    }

    private static void ok(HttpExchange exchange, JsonNode body) throws IOException {
        send(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
