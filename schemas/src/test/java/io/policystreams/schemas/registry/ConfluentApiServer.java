package io.policystreams.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An in-process HTTP server on 127.0.0.1 that answers Confluent's Schema Registry API ({@link ConfluentRegistryApi}
 * over an {@link InMemorySchemaRegistry}), over HTTP or HTTPS. Tests can stop and restart it, make the next
 * requests fail with 500, and require basic authentication.
 */
public final class ConfluentApiServer implements AutoCloseable {

    private final ConfluentRegistryApi api = new ConfluentRegistryApi(new InMemorySchemaRegistry());
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
                ConfluentRegistryApi.error(exchange, 500, 50001, "Error in the backend data store");
                return;
            }
            String auth = requiredAuthorization;
            if (auth != null && !auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                ConfluentRegistryApi.error(exchange, 401, 401, "Unauthorized");
                return;
            }
            api.handle(exchange);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
