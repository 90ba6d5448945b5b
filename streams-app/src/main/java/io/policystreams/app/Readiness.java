package io.policystreams.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /-/ready} on the learner's HTTP endpoint: 200 while Kafka Streams is RUNNING, 503 otherwise (created,
 * restoring or rebalancing, stopping, failed); the body names the state. A Kubernetes readiness probe, so that a
 * rolling restart waits until a learner has restored its stores and processes again. {@code /-/healthy} says only
 * that the process answers.
 */
public final class Readiness implements HttpHandler {

    /** Where the learner serves it. */
    public static final String PATH = "/-/ready";

    private final Supplier<KafkaStreams.State> state;

    public Readiness(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        KafkaStreams.State now = state.get();
        byte[] body = (now + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(now == KafkaStreams.State.RUNNING ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
