package io.policystreams.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dev cluster as programs use it: Confluent's Python client against its registry, our serdes against both. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevClusterTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private DevCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = DevCluster.start(0, -1);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /**
     * Needs Debian's python3-confluent-kafka and python3-requests ({@code .ci/run} installs them); skipped
     * without them, except under CI=true, where it fails.
     */
    @Test
    void confluentsOwnPythonClientGetsConfluentsAnswers() throws Exception {
        boolean ready = new ProcessBuilder(PYTHON.toString(), "-c", "import confluent_kafka, requests").start()
                .waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "no python3-confluent-kafka (apt-get install python3-confluent-kafka "
                    + "python3-requests)");
        }
        Process contract = new ProcessBuilder(PYTHON.toString(), "src/test/python/registry_contract.py",
                cluster.schemaRegistryUrl()).redirectErrorStream(true).start();
        String said = new String(contract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(contract.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, contract.exitValue(), said);
    }

    /** What the other programs do: register through the serde, produce, and read it back. */
    @Test
    void stepsRoundTripThroughItsBrokerAndRegistry() throws Exception {
        ClientConfig config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                ClientConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl()));
        try (Admin admin = Admin.create(config.clientConfigs())) {
            admin.createTopics(List.of(new NewTopic("dev-steps", 1, (short) 1))).all().get();
        }
        Step step = Step.newBuilder().setModelId("m").setEpisodeId("e").setStepIndex(0).setObservation(List.of(1.0))
                .setAction(new DiscreteAction(0)).setReward(1.0).setTerminated(true)
                .setTruncated(false).setBehaviourLogProb(-0.7).setPolicyVersion(0L)
                .setEventTime(Instant.EPOCH).setSimulatorId("dev-test").build();
        Map<String, Object> producerConfigs = new HashMap<>(config.clientConfigs());
        producerConfigs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Step> producer = new KafkaProducer<>(producerConfigs, new StringSerializer(),
                AvroSerdes.forType(Step.class, config.serdeConfigs(), false).serializer())) {
            producer.send(new ProducerRecord<>("dev-steps", "e", step)).get();
        }
        List<Step> read = TopicReader.readAll(config.clientConfigs(), "dev-steps", new StringDeserializer(),
                AvroSerdes.forType(Step.class, config.serdeConfigs(), false).deserializer(), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
        assertEquals(List.of(step), read);
        assertTrue(cluster.properties().contains("schema.registry.url=http://127.0.0.1:"), cluster.properties());
    }
}
