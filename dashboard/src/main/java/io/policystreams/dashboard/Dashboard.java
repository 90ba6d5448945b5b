package io.policystreams.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard on a process's {@link HttpEndpoint}: the page at {@code /} (built from {@code web/} into the
 * jar) and its data at {@code /api/state}, JSON of {@link DashboardState.Snapshot}. A thread reads the reports and
 * dead-letter topics from their start without a consumer group (read_committed, so only what the learner
 * committed), and follows them. Every learner instance can serve it; each shows every model.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final String PAGE = "io/policystreams/dashboard/web/";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "json", "application/json");

    private final DashboardState state = new DashboardState();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread reader;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Dashboard(ClientConfig config) {
        this.reader = new Thread(() -> read(config), "dashboard-reader");
        reader.setDaemon(true);
    }

    /**
     * Serves the dashboard of {@code config}'s cluster on {@code endpoint} and starts reading. A topic that does
     * not exist yet is waited for.
     */
    public static Dashboard serve(ClientConfig config, HttpEndpoint endpoint) {
        Dashboard dashboard = new Dashboard(config);
        endpoint.route("/api/state", dashboard::state).route("/", Dashboard::page);
        dashboard.reader.start();
        if (endpoint.url() != null) {
            LOG.info("dashboard on {}/", endpoint.url());
        }
        return dashboard;
    }

    private void read(ClientConfig config) {
        try (TopicReader<String, TrainingReport> reports = awaitTopic(() -> new TopicReader<>(config.clientConfigs(),
                config.reportsTopic(), new StringDeserializer(),
                new TolerantDeserializer<>(config.avroSerde(TrainingReport.class).deserializer()), "dashboard-reports"));
             TopicReader<byte[], byte[]> deadLetters = awaitTopic(() -> new TopicReader<>(config.clientConfigs(),
                     config.deadLettersTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                     "dashboard-dead-letters"))) {
            while (closed.getCount() > 0) {
                reports.poll(POLL, record -> {
                    if (record.value() != null) {
                        state.report(record.value());
                    }
                });
                deadLetters.poll(Duration.ZERO, state::deadLetter);
            }
        } catch (InterruptException | WakeupException | Stopped e) {
            LOG.debug("dashboard reader stopped");
        } catch (RuntimeException e) {
            LOG.error("the dashboard stopped reading: {}", e.getMessage(), e);
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /** The reader of a topic, once the topic exists (the learner creates it at start), asked every second. */
    private <K, V> TopicReader<K, V> awaitTopic(Supplier<TopicReader<K, V>> reader) {
        try {
            do {
                try {
                    return reader.get();
                } catch (UnknownTopicOrPartitionException e) {
                    LOG.debug("waiting for a topic: {}", e.getMessage());
                }
            } while (!closed.await(1, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stopped();
    }

    private void state(HttpExchange exchange) throws IOException {
        byte[] body = json.writeValueAsBytes(state.snapshot(System.currentTimeMillis()));
        respond(exchange, 200, "application/json", body);
    }

    /** The page's files from the classpath; {@code /} is its index.html. */
    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        if (path.isEmpty()) {
            path = "index.html";
        }
        if (path.contains("..")) {
            respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream file = Dashboard.class.getClassLoader().getResourceAsStream(PAGE + path)) {
            if (file == null) {
                respond(exchange, 404, "text/plain", ("no " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            respond(exchange, 200, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
                    file.readAllBytes());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
