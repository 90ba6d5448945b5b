package io.policystreams.app.config;

import io.policystreams.app.errors.DeadLetterDeserializationHandler;
import io.policystreams.app.errors.DeadLetterProcessingHandler;
import io.policystreams.client.ClientConfig;
import io.policystreams.learning.StepRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams application's settings, with their defaults, in one place: those of every program
 * ({@link ClientConfig}: cluster, registry, topic names), then the learner's own. Any key not defined here (a
 * Kafka Streams, client or Schema Registry setting such as {@code commit.interval.ms} or
 * {@code security.protocol}) passes through unchanged to Kafka Streams and the serdes. Sources and their
 * precedence are every program's ({@link ClientConfig#settings}).
 */
public final class AppConfig extends ClientConfig {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group and the "
            + "prefix of internal topics. A second learner on the same cluster needs its own.";

    public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    private static final String PROCESSING_GUARANTEE_DOC = "exactly_once_v2 (a step trains the policy exactly "
            + "once, even across crashes) or at_least_once.";

    public static final String STEPS_PARTITIONS = "steps.partitions";
    public static final String MODELS_PARTITIONS = "models.partitions";
    public static final String POLICIES_PARTITIONS = "policies.partitions";
    public static final String REPORTS_PARTITIONS = "reports.partitions";
    public static final String DEAD_LETTERS_PARTITIONS = "dead.letters.partitions";
    public static final String DECISIONS_PARTITIONS = "decisions.partitions";
    public static final String LEARNER_PARTITIONS = "learner.partitions";
    private static final String LEARNER_PARTITIONS_DOC = "Partitions of the internal topics keyed by model id "
            + "(episodes-by-model, models-by-model): at most this many learner tasks run in parallel, one model "
            + "always on one task. A learner started over existing state with another value exits with status 1, "
            + "naming the internal topic's partitions: change it with the upgrade command (deploy/README.md).";

    public static final String REPLICATION_FACTOR = StreamsConfig.REPLICATION_FACTOR_CONFIG;
    private static final String REPLICATION_FACTOR_DOC = "Replication factor of the topics the application "
            + "creates, its own and Kafka Streams' internal ones; -1 takes the broker's default.";

    public static final String CREATE_TOPICS = "topics.create";
    private static final String CREATE_TOPICS_DOC = "Create the seven topics at start-up when absent (policies "
            + "and models compacted). Existing topics are left as they are.";

    public static final String EPISODE_IDLE_TIMEOUT_MS = "episode.idle.timeout.ms";
    private static final String EPISODE_IDLE_TIMEOUT_MS_DOC = "An episode that receives no step for this long "
            + "(wall clock) without being complete is dead-lettered, one record per step, reason in the headers.";

    public static final String EPISODE_EXPIRY_INTERVAL_MS = "episode.expiry.interval.ms";
    private static final String EPISODE_EXPIRY_INTERVAL_MS_DOC = "How often the assembler looks for idle "
            + "episodes (wall-clock punctuation).";

    public static final String EPISODE_MAX_STEPS = StepRules.MAX_EPISODE_STEPS_SETTING;
    private static final String EPISODE_MAX_STEPS_DOC = "Longest episode accepted: a step with index at or "
            + "above this is dead-lettered. Bounds the assembler's memory per episode.";

    public static final String EPISODE_MAX_BYTES = "episode.max.bytes";
    private static final String EPISODE_MAX_BYTES_DOC = "Largest assembled episode: a step that would take the "
            + "steps received so far past this size is dead-lettered. The learner's producers and internal topics "
            + "accept the larger of this and 3 x policy.max.bytes, plus 1 MiB (producer max.request.size, topic "
            + "max.message.bytes), unless those are set explicitly.";
    public static final String POLICY_MAX_BYTES = "policy.max.bytes";
    private static final String POLICY_MAX_BYTES_DOC = "Largest policy snapshot: a ModelSpec whose snapshots "
            + "(spec, policy and value parameters, about 8 bytes a parameter) would be larger is dead-lettered. The "
            + "policies topic is created, or raised when topics.create is true, to accept this plus 1 MiB "
            + "(max.message.bytes); the learner's own state, with Adam's moments, takes up to three times as much.";

    public static final String LEARNER_MAX_FAILED_UPDATES = "learner.max.failed.updates";
    private static final String LEARNER_MAX_FAILED_UPDATES_DOC = "A model whose updates fail this many times in a "
            + "row (a non-finite return, loss or parameter, or any other error) is marked failed: its later steps "
            + "are dead-lettered, while every other model keeps learning. Each failed update dead-letters its batch "
            + "and leaves the model at its version.";

    public static final String REWARD_WAIT_MS = "reward.wait.ms";
    private static final String REWARD_WAIT_MS_DOC = "How long a decision waits for its rewards, from its event "
            + "time, for models whose spec sets no rewardWaitMs: a reward with a later event time is late. The window "
            + "closes this long plus reward.grace.ms (wall clock) after the decision arrives, and the joined step "
            + "goes to the steps topic, with the model's defaultReward when no reward came.";

    public static final String REWARD_GRACE_MS = "reward.grace.ms";
    private static final String REWARD_GRACE_MS_DOC = "How much longer (wall clock) a window stays open after the "
            + "wait, for rewards whose event time is within the wait but which reach the learner later (producer "
            + "batching, network, the learner's own lag). They still count; later ones are late.";

    public static final String REWARD_ORPHAN_TIMEOUT_MS = "reward.orphan.timeout.ms";
    private static final String REWARD_ORPHAN_TIMEOUT_MS_DOC = "A reward whose decision has not arrived for this "
            + "long (wall clock) is dead-lettered as a reward for an unknown decision.";

    public static final String REWARD_CLOSED_RETENTION_MS = "reward.closed.retention.ms";
    private static final String REWARD_CLOSED_RETENTION_MS_DOC = "How long a closed decision's id is remembered: a "
            + "reward for it is dead-lettered as arriving after its window, a redelivered decision is ignored. "
            + "Later, a reward for it waits as an orphan.";

    public static final String REWARD_PUNCTUATION_INTERVAL_MS = "reward.punctuation.interval.ms";
    private static final String REWARD_PUNCTUATION_INTERVAL_MS_DOC = "How often the reward joiner closes the "
            + "windows that are due (wall-clock punctuation, so windows close while no record arrives).";

    /** Room above episode.max.bytes and policy.max.bytes for the record's other fields and batch framing. */
    static final int RECORD_HEADROOM_BYTES = 1 << 20;

    public static final ConfigDef CONFIG = new ConfigDef(ClientConfig.CONFIG)
            .define(APPLICATION_ID, Type.STRING, "policy-streams", Importance.HIGH, APPLICATION_ID_DOC)
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ConfigDef.ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    Importance.HIGH, PROCESSING_GUARANTEE_DOC)
            .define(STEPS_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the steps topic when the application creates it.")
            .define(MODELS_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
                    "Partitions of the models topic when the application creates it.")
            .define(POLICIES_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
                    "Partitions of the policies topic when the application creates it.")
            .define(REPORTS_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
                    "Partitions of the reports topic when the application creates it.")
            .define(DEAD_LETTERS_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
                    "Partitions of the dead-letter topic when the application creates it.")
            .define(DECISIONS_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.LOW,
                    "Partitions of the decisions topic, and of the rewards topic, when the application creates them.")
            .define(LEARNER_PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM, LEARNER_PARTITIONS_DOC)
            .define(REPLICATION_FACTOR, Type.INT, -1, Importance.MEDIUM, REPLICATION_FACTOR_DOC)
            .define(CREATE_TOPICS, Type.BOOLEAN, true, Importance.MEDIUM, CREATE_TOPICS_DOC)
            .define(EPISODE_IDLE_TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.MEDIUM,
                    EPISODE_IDLE_TIMEOUT_MS_DOC)
            .define(EPISODE_EXPIRY_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                    EPISODE_EXPIRY_INTERVAL_MS_DOC)
            .define(EPISODE_MAX_STEPS, Type.INT, StepRules.DEFAULT_MAX_EPISODE_STEPS, Range.atLeast(1), Importance.MEDIUM,
                    EPISODE_MAX_STEPS_DOC)
            .define(EPISODE_MAX_BYTES, Type.INT, 16 << 20, Range.between(64 << 10, 1 << 30), Importance.MEDIUM,
                    EPISODE_MAX_BYTES_DOC)
            .define(POLICY_MAX_BYTES, Type.INT, 8 << 20, Range.between(64 << 10, 256 << 20), Importance.MEDIUM,
                    POLICY_MAX_BYTES_DOC)
            .define(LEARNER_MAX_FAILED_UPDATES, Type.INT, 3, Range.atLeast(1), Importance.LOW,
                    LEARNER_MAX_FAILED_UPDATES_DOC)
            .define(REWARD_WAIT_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.MEDIUM, REWARD_WAIT_MS_DOC)
            .define(REWARD_GRACE_MS, Type.LONG, 2_000L, Range.atLeast(0), Importance.LOW, REWARD_GRACE_MS_DOC)
            .define(REWARD_ORPHAN_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                    REWARD_ORPHAN_TIMEOUT_MS_DOC)
            .define(REWARD_CLOSED_RETENTION_MS, Type.LONG, 3_600_000L, Range.atLeast(1), Importance.LOW,
                    REWARD_CLOSED_RETENTION_MS_DOC)
            .define(REWARD_PUNCTUATION_INTERVAL_MS, Type.LONG, 1_000L, Range.atLeast(1), Importance.LOW,
                    REWARD_PUNCTUATION_INTERVAL_MS_DOC);

    public AppConfig(Map<String, ?> originals) {
        super(CONFIG, originals);
    }

    /** Settings from a properties file (may be null), then the environment, then {@code overrides}. */
    public static AppConfig load(Path propertiesFile, Map<String, String> environment, Map<String, ?> overrides) {
        return new AppConfig(settings(propertiesFile, environment, overrides));
    }

    /** The duration a setting in milliseconds gives. */
    public Duration millis(String setting) {
        return Duration.ofMillis(getLong(setting));
    }

    /** What Kafka Streams gets: every pass-through setting, ours resolved, and the dead-letter handlers wired. */
    public Properties streamsProperties() {
        Properties properties = new Properties();
        originals().forEach((name, value) -> {
            if (!isDefined(name) || name.equals(REPLICATION_FACTOR)) {
                properties.put(name, value);
            }
        });
        properties.put(BOOTSTRAP_SERVERS, getString(BOOTSTRAP_SERVERS));
        properties.put(APPLICATION_ID, getString(APPLICATION_ID));
        properties.put(PROCESSING_GUARANTEE, getString(PROCESSING_GUARANTEE));
        properties.put(REPLICATION_FACTOR, getInt(REPLICATION_FACTOR));
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class.getName());
        String globalHandler = StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;
        properties.put(globalHandler, true);
        // The main consumer's partition assignor reads a StreamsConfig of its own from the consumer's settings,
        // and warns that the global handler is off unless they carry it too.
        properties.put(StreamsConfig.mainConsumerPrefix(globalHandler), true);
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, getString(DEAD_LETTERS_TOPIC));
        int recordBytes = largestRecordBytes();
        properties.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), recordBytes);
        properties.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), recordBytes);
        return properties;
    }

    /**
     * The largest record the learner writes, an assembled episode or a model's state (a snapshot's parameters
     * and Adam's two moments: 3 × policy.max.bytes), plus headroom: its producers' max.request.size and its
     * internal topics' max.message.bytes.
     */
    public int largestRecordBytes() {
        return Math.max(getInt(EPISODE_MAX_BYTES), 3 * getInt(POLICY_MAX_BYTES)) + RECORD_HEADROOM_BYTES;
    }

    /** What the policies topic must accept: policy.max.bytes plus headroom. */
    public int policyRecordBytes() {
        return getInt(POLICY_MAX_BYTES) + RECORD_HEADROOM_BYTES;
    }

    /**
     * The settings as a Markdown table (setting, default, which programs read it, meaning), in definition order:
     * the README's table.
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| setting | default | read by | meaning |\n"
                + "| --- | --- | --- | --- |\n");
        for (ConfigDef.ConfigKey key : CONFIG.configKeys().values()) {
            String defaultValue = key.hasDefault() ? "`" + key.defaultValue + "`" : "(required)";
            String readers = ClientConfig.CONFIG.names().contains(key.name) ? "every program"
                    : key.name.equals(EPISODE_MAX_STEPS) ? "learner, replay" : "learner";
            table.append("| `").append(key.name).append("` | ").append(defaultValue).append(" | ").append(readers)
                    .append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
