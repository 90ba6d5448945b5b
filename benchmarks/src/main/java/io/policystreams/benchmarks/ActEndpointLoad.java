package io.policystreams.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.client.ClientConfig;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.learning.LearnerStates;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.serve.ActServer;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.DefaultModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The act endpoint under load: {@code wrk} (Debian's, on loopback) posts CartPole observations to
 * {@code POST /v1/models/cartpole/act} of the demo's PPO 64×64 policy, for 10 s per row after a 5 s warm-up: as
 * fast as 4, 16 and 64 connections go, then paced near 5,000 requests/s (16 connections, each waiting 3 ms after
 * every answer: wrk's {@code delay()}); prints throughput and wrk's latency percentiles as a Markdown table. The
 * server and wrk share the machine's cores.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.policystreams.benchmarks.ActEndpointLoad</pre>
 */
public final class ActEndpointLoad {

    private static final String BODY = "{\"observation\": [0.01, -0.02, 0.03, 0.04]}";
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private ActEndpointLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Files.createTempFile("act-", ".lua");
        String request = "wrk.method = \"POST\"\nwrk.body = '" + BODY + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n";
        Files.writeString(script, request);
        Path paced = Files.createTempFile("act-paced-", ".lua");
        Files.writeString(paced, request + "function delay()\n  return 3\nend\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            ClientConfig config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    ClientConfig.SCHEMA_REGISTRY_URL, "mock://act-load"));
            try (Admin admin = Admin.create(config.clientConfigs())) {
                admin.createTopics(List.of(new NewTopic(config.policiesTopic(), 1, (short) 1))).all().get();
            }
            ModelSpec spec = DefaultModels.forEnvironment(Environments.CARTPOLE, "cartpole", 1L);
            PolicySnapshot snapshot = LearnerStates.snapshot("cartpole",
                    LearnerStates.initial(ModelSpecs.bind(spec), 0L), 0L);
            try (KafkaProducer<String, PolicySnapshot> producer = new KafkaProducer<>(config.clientConfigs(),
                    new StringSerializer(), config.avroSerde(PolicySnapshot.class).serializer())) {
                producer.send(new ProducerRecord<>(config.policiesTopic(), "cartpole", snapshot)).get();
            }
            try (ActServer server = ActServer.start(config, "127.0.0.1", 0, new SimpleMeterRegistry())) {
                String url = "http://127.0.0.1:" + server.port() + "/v1/models/cartpole/act";
                wrk(script, url, 16, 5);
                System.out.printf("| load | requests/s | p50 | p90 | p99 |%n| --- | --- | --- | --- | --- |%n");
                for (int connections : new int[] {4, 16, 64}) {
                    row(connections + " connections, as fast as they go", wrk(script, url, connections, 10));
                }
                row("16 connections, 3 ms between requests", wrk(paced, url, 16, 10));
            }
        } finally {
            SchemaRegistries.dropScope("act-load");
            Files.deleteIfExists(script);
            Files.deleteIfExists(paced);
        }
    }

    private static void row(String load, String said) {
        System.out.printf("| %s | %s | %s | %s | %s |%n", load, find(REQUESTS, said), percentile(said, "50%"),
                percentile(said, "90%"), percentile(said, "99%"));
    }

    private static String wrk(Path script, String url, int connections, int seconds)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), url).redirectErrorStream(true).start();
        String said = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || said.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or saw errors:\n" + said);
        }
        return said;
    }

    private static String percentile(String said, String which) {
        return find(Pattern.compile("\\s" + Pattern.quote(which) + "\\s+([0-9.]+[a-z]+)"), said);
    }

    private static String find(Pattern pattern, String said) {
        Matcher m = pattern.matcher(said);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in wrk's output:\n" + said);
        }
        return m.group(1);
    }
}
