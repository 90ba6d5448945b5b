package io.policystreams.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded node is a real broker: topics, and transactions as exactly-once v2 uses them. */
class EmbeddedKafkaTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsTopicsWithTheirSettings() throws Exception {
        kafka.createTopics(List.of(new NewTopic("policies", 2, (short) 1)
                .configs(Map.of("cleanup.policy", "compact"))));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertTrue(admin.listTopics().names().get().contains("policies"));
            assertEquals(2, admin.describeTopics(Set.of("policies")).allTopicNames().get()
                    .get("policies").partitions().size());
        }
    }

    @Test
    void readCommittedConsumersSeeCommittedTransactionsOnly() throws Exception {
        kafka.createTopics(List.of(new NewTopic("transactions", 1, (short) 1)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "transactional.id", "embedded-kafka-test"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "k", "committed"));
            producer.commitTransaction();
        }

        assertEquals(List.of("committed"), readCommitted("transactions", 1));
    }

    /** Polls until {@code expected} values arrived or the deadline passed. */
    private static List<String> readCommitted(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "embedded-kafka-test",
                "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
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
