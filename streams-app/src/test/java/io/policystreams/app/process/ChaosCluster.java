package io.policystreams.app.process;

import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.client.TopicReader;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.ConfluentApiServer;
import io.policystreams.schemas.serde.AvroSerdes;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What the chaos suite runs on: the embedded broker and an HTTP schema registry in the test JVM, and learner
 * processes. Each run (an application id) has its own step and model topics of one partition each, so that a
 * learner reads its log in the order it was produced, and its own output topics.
 */
final class ChaosCluster implements AutoCloseable {

    final EmbeddedKafka kafka;
    final ConfluentApiServer registry;
    private final short replication;
    final Path directory;
    private final Map<String, Object> serdeConfigs;
    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<Step> stepSerializer;

    /** A cluster of one broker. */
    ChaosCluster() throws Exception {
        this(1);
    }

    /**
     * A cluster of {@code brokers} brokers; with three, every topic (the runs' own, the learners' internal ones and
     * the transaction log) has three replicas and a minimum ISR of two.
     */
    ChaosCluster(int brokers) throws Exception {
        kafka = EmbeddedKafka.builder().brokers(brokers).start();
        replication = (short) Math.min(3, brokers);
        registry = new ConfluentApiServer();
        directory = Files.createTempDirectory("policy-streams-chaos-");
        serdeConfigs = Map.of("schema.registry.url", registry.url());
        stepSerializer = AvroSerdes.forType(Step.class, serdeConfigs, false).serializer();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates run {@code run}'s step and model topics, one partition each, and declares {@code models}. */
    void declare(String run, List<ModelSpec> models) throws Exception {
        kafka.createTopics(List.of(new NewTopic(steps(run), 1, replication),
                new NewTopic(models(run), 1, replication).configs(Map.of("cleanup.policy", "compact"))));
        for (ModelSpec spec : models) {
            producer.send(new ProducerRecord<>(models(run), spec.getModelId(), AvroSerdes.forType(ModelSpec.class,
                    serdeConfigs, false).serializer().serialize(models(run), spec)));
        }
        producer.flush();
    }

    /** Sends a step; the serializer keeps the schema ids it registered, as a simulator's does, through an outage. */
    void send(String run, Step step) {
        producer.send(new ProducerRecord<>(steps(run), step.getEpisodeId(), stepSerializer.serialize(steps(run), step)));
    }

    private static String steps(String run) {
        return run + "-steps";
    }

    private static String models(String run) {
        return run + "-models";
    }

    void flush() {
        producer.flush();
    }

    /** The settings of a learner of run {@code run}: its application id, output topics and state directory. */
    Map<String, String> learnerSettings(String run, String instance) {
        Map<String, String> settings = new HashMap<>();
        settings.put("application.id", run);
        settings.put("schema.registry.url", registry.url());
        settings.put("steps.topic", steps(run));
        settings.put("models.topic", models(run));
        settings.put("policies.topic", run + "-policies");
        settings.put("reports.topic", run + "-reports");
        settings.put("dead.letters.topic", run + "-dead-letters");
        settings.put("learner.partitions", "1");
        settings.put("replication.factor", Short.toString(replication));
        settings.put("state.dir", directory.resolve(run + "-" + instance).toString());
        settings.put("consumer.session.timeout.ms", "6000");
        settings.put("consumer.heartbeat.interval.ms", "1000");
        return settings;
    }

    LearnerProcess startLearner(String run, String instance) throws IOException {
        return startLearner(run, instance, Map.of());
    }

    /** A learner of run {@code run} with {@code overrides} of its settings (another application id, say). */
    LearnerProcess startLearner(String run, String instance, Map<String, String> overrides) throws IOException {
        return LearnerProcess.start(kafka.bootstrapServers(), settings(run, instance, overrides), log(run, instance));
    }

    /**
     * Runs {@code upgrade --from-application-id run} with run {@code run}'s settings and {@code overrides} (the new
     * application id and topology); returns its exit status once it ends.
     */
    int upgrade(String run, Map<String, String> overrides) throws IOException, InterruptedException {
        try (LearnerProcess upgrade = LearnerProcess.start(List.of("upgrade", "--from-application-id", run),
                kafka.bootstrapServers(), settings(run, "upgrade", overrides), log(run, "upgrade"))) {
            Integer status = upgrade.awaitExit(Duration.ofMinutes(3));
            return status == null ? -1 : status;
        }
    }

    private Map<String, String> settings(String run, String instance, Map<String, String> overrides) {
        Map<String, String> settings = learnerSettings(run, instance);
        settings.putAll(overrides);
        return settings;
    }

    private Path log(String run, String instance) {
        return directory.resolve(run + "-" + instance + ".log");
    }

    /** The last lines a learner of run {@code run} printed, for failure messages. */
    String outputTail(String run, String instance) {
        try {
            List<String> lines = Files.readAllLines(log(run, instance));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Every committed snapshot on run {@code run}'s policies topic, in order; unreadable ones skipped. */
    List<PolicySnapshot> snapshots(String run) {
        Deserializer<PolicySnapshot> values = new TolerantDeserializer<>(
                AvroSerdes.forType(PolicySnapshot.class, serdeConfigs, false).deserializer());
        List<PolicySnapshot> snapshots = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(run + "-policies")) {
            PolicySnapshot snapshot = values.deserialize(record.topic(), record.value());
            if (snapshot != null) {
                snapshots.add(snapshot);
            }
        }
        return snapshots;
    }

    /**
     * Waits, polling every {@code poll}, until {@code models} models of run {@code run} published {@code version}
     * or a later one; fails after {@code within} with the run's dead letters and the end of its first instance's
     * output.
     */
    void awaitVersion(String run, long version, int models, Duration within, Duration poll)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (snapshots(run).stream().filter(s -> s.getVersion() >= version).map(PolicySnapshot::getModelId)
                .distinct().count() < models) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(run + " reached no version " + version + " of " + models + " models within "
                        + within + "; dead letters: " + deadLetterReasons(run) + "; its output ends:\n"
                        + outputTail(run, "a"));
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** The broker that leads partition 0 of {@code topic}. */
    int leaderOf(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader()
                    .id();
        }
    }

    /**
     * Every partition of run {@code run}'s topics (its own and its learner's internal ones) and of the transaction
     * log, each with its replica count and {@code min.insync.replicas}: "topic: replicas/min ISR" lines that differ.
     */
    List<String> replicationOtherThan(String run, int replicas, int minInSync) throws Exception {
        List<String> different = new ArrayList<>();
        try (Admin admin = kafka.admin()) {
            Set<String> topics = new TreeSet<>();
            for (String topic : admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()) {
                if (topic.startsWith(run + "-") || topic.equals("__transaction_state")) {
                    topics.add(topic);
                }
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (String topic : topics) {
                int replicasFound = descriptions.get(topic).partitions().stream()
                        .mapToInt(partition -> partition.replicas().size()).min().orElse(0);
                String minInSyncFound = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("min.insync.replicas").value();
                if (replicasFound != replicas || !minInSyncFound.equals(Integer.toString(minInSync))) {
                    different.add(topic + ": " + replicasFound + "/" + minInSyncFound);
                }
            }
            if (topics.stream().noneMatch(topic -> topic.endsWith("-changelog"))) {
                different.add("(no changelog topic of " + run + " found among " + topics + ")");
            }
        }
        return different;
    }

    /** How many records run {@code run}'s dead-letter topic holds. */
    int deadLetters(String run) {
        return readAll(run + "-dead-letters").size();
    }

    /** The reasons of run {@code run}'s dead letters, for failure messages. */
    List<String> deadLetterReasons(String run) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(run + "-dead-letters")) {
            Header reason = record.headers().lastHeader(DeadLetterHeaders.MESSAGE);
            reasons.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    /** The topic from its start to its current end (none if it does not exist yet). */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> configs = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try {
            return TopicReader.readAll(configs, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    Duration.ofSeconds(30));
        } catch (UnknownTopicOrPartitionException absent) {
            return List.of();
        }
    }

    @Override
    public void close() throws Exception {
        producer.close();
        registry.close();
        kafka.close();
        Utils.delete(directory.toFile());
    }
}
