package io.policystreams.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three brokers and a controller with a SASL_SSL listener: topics are replicated three times with a minimum ISR of
 * two, acknowledged writes go on while a broker is down and are all there after it returns, and the secure
 * listener checks passwords over TLS and denies what no ACL allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PASSWORD = "embedded-cluster-test";

    private Path certificates;
    private EmbeddedKafka.SecureListener tls;
    private EmbeddedKafka kafka;

    @BeforeAll
    void startCluster() throws Exception {
        certificates = Files.createTempDirectory("embedded-cluster-test-");
        tls = EmbeddedKafka.SecureListener.generate(certificates, PASSWORD);
        kafka = EmbeddedKafka.builder().brokers(3).secureListener(tls).start();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        Utils.delete(certificates.toFile());
    }

    @Test
    void writesAcknowledgedByAllInSyncReplicasSurviveTheLossOfABroker() throws Exception {
        kafka.createTopics(List.of(new NewTopic("replicated", Optional.of(1), Optional.empty())));
        try (Admin admin = kafka.admin()) {
            TopicDescription topic = admin.describeTopics(Set.of("replicated")).allTopicNames().get()
                    .get("replicated");
            assertEquals(3, topic.partitions().get(0).replicas().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
            assertEquals("2", admin.describeConfigs(Set.of(resource)).all().get().get(resource)
                    .get("min.insync.replicas").value());
            int leader = topic.partitions().get(0).leader().id();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true,
                    "delivery.timeout.ms", 60_000), new StringSerializer(), new StringSerializer())) {
                send(producer, 0, 100);
                kafka.stopBroker(leader);
                send(producer, 100, 200);
                kafka.startBroker(leader);
                send(producer, 200, 300);
            }
            awaitInSyncReplicas(admin, "replicated", 3);
        }
        List<String> values = readAll("replicated", 300);
        assertEquals(300, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals("record-" + i, values.get(i), "in order, each once");
        }
    }

    @Test
    void theSecureListenerChecksPasswordsAndDeniesWhatNoAclAllows() throws Exception {
        kafka.createTopics(List.of(new NewTopic("guarded", Optional.of(1), Optional.empty())));
        kafka.createScramUser("writer", "writer-secret");
        Map<String, Object> wrongPassword = producerConfigs(tls.clientConfigs("writer", "not-the-secret"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(wrongPassword, new StringSerializer(),
                new StringSerializer())) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("guarded", "k", "v")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, failed.getCause(), failed.toString());
        }

        Map<String, Object> writer = producerConfigs(tls.clientConfigs("writer", "writer-secret"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(writer, new StringSerializer(),
                new StringSerializer())) {
            ExecutionException denied = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("guarded", "k", "denied")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, denied.getCause(), denied.toString());
        }
        try (Admin admin = kafka.admin()) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "guarded",
                    PatternType.LITERAL), new AccessControlEntry("User:writer", "*", AclOperation.WRITE,
                    AclPermissionType.ALLOW)))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(writer, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("guarded", "k", "allowed")).get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("allowed"), readAll("guarded", 1));
    }

    private Map<String, Object> producerConfigs(Map<String, Object> security) {
        Map<String, Object> configs = new HashMap<>(security);
        configs.put("bootstrap.servers", kafka.secureBootstrapServers());
        configs.put("max.block.ms", 30_000);
        configs.put("delivery.timeout.ms", 30_000);
        configs.put("request.timeout.ms", 20_000);
        return configs;
    }

    private static void send(KafkaProducer<String, String> producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>("replicated", "k", "record-" + i));
        }
        producer.flush();
    }

    private void awaitInSyncReplicas(Admin admin, String topic, int replicas) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().get(0).isr().size()
                < replicas) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the restarted broker never rejoined the ISR of " + topic);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private List<String> readAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
