package io.policystreams.app.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.policystreams.app.config.AppConfig;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production topology ({@link LearningTopology#build}) in a TopologyTestDriver, on a mock registry of its
 * own, with typed access to the seven topics.
 */
public final class TopologyHarness implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final String scope = "topology-" + UUID.randomUUID();
    private final AppConfig config;
    private final TopologyTestDriver driver;
    /** What the topology's processors record, for tests to read. */
    private final LearnerMetrics metrics = new LearnerMetrics(new SimpleMeterRegistry());
    private final Serde<Step> stepSerde;
    private final TestInputTopic<String, byte[]> steps;
    private final TestInputTopic<String, byte[]> models;
    private final TestOutputTopic<String, byte[]> policies;
    private final TestInputTopic<String, byte[]> policiesInput;
    private final TestOutputTopic<String, byte[]> reports;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestInputTopic<String, byte[]> decisions;
    private final TestInputTopic<String, byte[]> rewards;
    private final TestOutputTopic<String, byte[]> stepsWritten;
    private final Map<String, Object> serdeConfigs;
    private final Path stateDirectory;

    public TopologyHarness(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                AppConfig.APPLICATION_ID, "topology-test",
                AppConfig.BOOTSTRAP_SERVERS, "unused:9092",
                AppConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AppConfig.LEARNER_PARTITIONS, 1,
                AppConfig.EPISODE_IDLE_TIMEOUT_MS, 60_000L,
                AppConfig.EPISODE_EXPIRY_INTERVAL_MS, 1_000L));
        stateDirectory = temporaryDirectory();
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        settings.putAll(overrides);
        config = new AppConfig(settings);
        serdeConfigs = config.serdeConfigs();
        stepSerde = AvroSerdes.forType(Step.class, serdeConfigs, false);
        driver = new TopologyTestDriver(LearningTopology.build(config, metrics), config.streamsProperties(), START);
        steps = driver.createInputTopic(name(AppConfig.STEPS_TOPIC), new StringSerializer(),
                new ByteArraySerializer());
        models = driver.createInputTopic(name(AppConfig.MODELS_TOPIC), new StringSerializer(),
                new ByteArraySerializer());
        policies = driver.createOutputTopic(name(AppConfig.POLICIES_TOPIC), new StringDeserializer(),
                new ByteArrayDeserializer());
        policiesInput = driver.createInputTopic(name(AppConfig.POLICIES_TOPIC), new StringSerializer(),
                new ByteArraySerializer());
        reports = driver.createOutputTopic(name(AppConfig.REPORTS_TOPIC), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(name(AppConfig.DEAD_LETTERS_TOPIC), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        decisions = driver.createInputTopic(name(AppConfig.DECISIONS_TOPIC), new StringSerializer(),
                new ByteArraySerializer());
        rewards = driver.createInputTopic(name(AppConfig.REWARDS_TOPIC), new StringSerializer(),
                new ByteArraySerializer());
        stepsWritten = driver.createOutputTopic(name(AppConfig.STEPS_TOPIC), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    public TopologyHarness() {
        this(Map.of());
    }

    private String name(String topicSetting) {
        return config.getString(topicSetting);
    }

    public void declare(ModelSpec spec) {
        models.pipeInput(spec.getModelId(), serialize(ModelSpec.class, name(AppConfig.MODELS_TOPIC), spec));
    }

    /** A raw declaration: any key, any bytes (null for a tombstone). */
    public void declareRaw(String key, byte[] value) {
        models.pipeInput(key, value);
    }

    public byte[] serializeSpec(ModelSpec spec) {
        return serialize(ModelSpec.class, name(AppConfig.MODELS_TOPIC), spec);
    }

    /** A record written to the policies topic by someone other than the learner. */
    public void publishRaw(String key, byte[] value) {
        policiesInput.pipeInput(key, value);
    }

    public byte[] serializeSnapshot(PolicySnapshot snapshot) {
        return serialize(PolicySnapshot.class, name(AppConfig.POLICIES_TOPIC), snapshot);
    }

    public void send(Step... steps) {
        for (Step step : steps) {
            send(step.getEpisodeId(), step);
        }
    }

    public void send(String key, Step step) {
        sendRaw(key, serializeStep(step));
    }

    /** A step whose record has timestamp {@code at}. */
    public void sendAt(Step step, Instant at) {
        steps.pipeInput(step.getEpisodeId(), serializeStep(step), at);
    }

    public void sendRaw(String key, byte[] value) {
        steps.pipeInput(key, value);
    }

    public byte[] serializeStep(Step step) {
        return stepSerde.serializer().serialize(name(AppConfig.STEPS_TOPIC), step);
    }

    public void decide(Decision decision) {
        decisions.pipeInput(decision.getDecisionId(), serialize(Decision.class, name(AppConfig.DECISIONS_TOPIC),
                decision));
    }

    public void reward(Reward reward) {
        rewardRaw(reward.getDecisionId(), serializeReward(reward));
    }

    /** A raw reward record: any key, any bytes (null for a tombstone). */
    public void rewardRaw(String key, byte[] value) {
        rewards.pipeInput(key, value);
    }

    public byte[] serializeReward(Reward reward) {
        return serialize(Reward.class, name(AppConfig.REWARDS_TOPIC), reward);
    }

    public Reward deserializeReward(byte[] bytes) {
        return deserialize(Reward.class, name(AppConfig.REWARDS_TOPIC), bytes);
    }

    /** The steps the topology itself wrote to the steps topic (the reward joiner's), with their keys. */
    public List<KeyValue<String, Step>> stepsWritten() {
        return stepsWritten.readKeyValuesToList().stream()
                .map(kv -> KeyValue.pair(kv.key, deserializeStep(kv.value))).toList();
    }

    public List<PolicySnapshot> policies() {
        return policies.readValuesToList().stream()
                .map(bytes -> deserialize(PolicySnapshot.class, name(AppConfig.POLICIES_TOPIC), bytes)).toList();
    }

    /** The record timestamps of every snapshot published so far. */
    public List<Instant> policyTimestamps() {
        return policies.readRecordsToList().stream().map(record -> record.getRecordTime()).toList();
    }

    /** The raw bytes of every snapshot published so far, for bit-for-bit comparisons. */
    public List<byte[]> policyBytes() {
        return policies.readValuesToList();
    }

    public List<TrainingReport> reports() {
        return reports.readValuesToList().stream()
                .map(bytes -> deserialize(TrainingReport.class, name(AppConfig.REPORTS_TOPIC), bytes)).toList();
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters.readRecordsToList().stream().map(record -> new DeadLetter(
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.value(),
                header(record.headers().lastHeader(DeadLetterHeaders.EXCEPTION)),
                header(record.headers().lastHeader(DeadLetterHeaders.MESSAGE)),
                header(record.headers().lastHeader(DeadLetterHeaders.TOPIC)),
                header(record.headers().lastHeader(DeadLetterHeaders.OFFSET)))).toList();
    }

    /** Dead letters written and not read yet. */
    public long unreadDeadLetters() {
        return deadLetters.getQueueSize();
    }

    /** Snapshots published and not read yet. */
    public long unreadPolicies() {
        return policies.getQueueSize();
    }

    public Step deserializeStep(byte[] bytes) {
        return stepSerde.deserializer().deserialize(name(AppConfig.STEPS_TOPIC), bytes);
    }

    /** The meters the topology's processors recorded. */
    public MeterRegistry meters() {
        return metrics.registry();
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    private <T extends SpecificRecord> byte[] serialize(Class<T> type, String topic, T value) {
        return AvroSerdes.forType(type, serdeConfigs, false).serializer().serialize(topic, value);
    }

    private <T extends SpecificRecord> T deserialize(Class<T> type, String topic, byte[] bytes) {
        return AvroSerdes.forType(type, serdeConfigs, false).deserializer().deserialize(topic, bytes);
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("policy-streams-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        SchemaRegistries.dropScope(scope);
        try {
            Utils.delete(stateDirectory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record on the dead-letter topic: key, value bytes, the reason headers and the input's topic and offset. */
    public record DeadLetter(String key, byte[] value, String exception, String reason, String topic, String offset) {
    }
}
