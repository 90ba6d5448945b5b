package io.policystreams.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Against the embedded broker: committed records of every partition, no group, aborted records never seen. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicReaderTest {

    private EmbeddedKafka kafka;
    private Map<String, Object> clients;

    @BeforeAll
    void start() throws Exception {
        kafka = EmbeddedKafka.start();
        clients = Map.of("bootstrap.servers", kafka.bootstrapServers());
        kafka.createTopics(List.of(new NewTopic("versions", 3, (short) 1)));
        Map<String, Object> producerConfigs = new HashMap<>(clients);
        producerConfigs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "topic-reader-test");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfigs, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("versions", i % 3, "model-" + (i % 3), "committed-" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("versions", 0, "model-0", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
    }

    @AfterAll
    void stop() throws Exception {
        kafka.close();
    }

    @Test
    void readsEveryCommittedRecordOfEveryPartitionWithoutJoiningAGroup() throws Exception {
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(clients, "versions",
                new StringDeserializer(), new StringDeserializer(), Duration.ofSeconds(30));

        assertEquals(30, records.size());
        assertEquals(List.of(), records.stream().map(ConsumerRecord::value).filter("aborted"::equals).toList());
        try (Admin admin = Admin.create(clients)) {
            assertEquals(0, admin.listConsumerGroups().all().get().size(), "no consumer group");
        }
    }

    @Test
    void aFollowerSeesWhatIsWrittenAfterItReachedTheEnd() throws Exception {
        kafka.createTopics(List.of(new NewTopic("followed", 2, (short) 1)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("followed", 0, "model-0", "earlier"));
        }
        try (TopicReader<String, String> reader = new TopicReader<>(clients, "followed", new StringDeserializer(),
                new StringDeserializer(), "test");
             KafkaProducer<String, String> producer = new KafkaProducer<>(clients, new StringSerializer(),
                     new StringSerializer())) {
            List<String> seen = new ArrayList<>();
            reader.readToEnd(Duration.ofSeconds(30), record -> seen.add(record.value()));
            assertEquals(List.of("earlier"), seen);
            producer.send(new ProducerRecord<>("followed", 1, "model-1", "later"));
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.contains("later") && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(100), record -> seen.add(record.value()));
            }
            assertEquals(List.of("earlier", "later"), seen);
        }
    }

    /** ... and is not created by the asking, though the broker creates topics on demand. */
    @Test
    void aMissingTopicIsNamedAndLeftMissing() throws Exception {
        UnknownTopicOrPartitionException e = assertThrows(UnknownTopicOrPartitionException.class,
                () -> new TopicReader<>(clients, "no-such-topic", new StringDeserializer(), new StringDeserializer(),
                        "test"));
        assertEquals("topic no-such-topic does not exist", e.getMessage());
        try (Admin admin = Admin.create(clients)) {
            assertFalse(admin.listTopics().names().get().contains("no-such-topic"));
        }
    }
}
