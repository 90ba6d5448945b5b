package io.policystreams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.client.http.HttpEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The readiness probe answers 200 exactly while Kafka Streams is RUNNING, and names the state. */
class ReadinessTest {

    @Test
    void readyOnlyWhileRunning() throws Exception {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
        try (HttpEndpoint endpoint = HttpEndpoint.start("learner", 0)) {
            endpoint.route(Readiness.PATH, new Readiness(state::get));
            for (KafkaStreams.State now : KafkaStreams.State.values()) {
                state.set(now);
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(endpoint.url() + Readiness.PATH)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(now == KafkaStreams.State.RUNNING ? 200 : 503, answer.statusCode(), now.name());
                assertEquals(now + "\n", answer.body());
            }
        }
    }
}
