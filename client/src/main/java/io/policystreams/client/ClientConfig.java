package io.policystreams.client;

import io.policystreams.schemas.registry.RegistryUrls;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import io.policystreams.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The settings every program reads, the learner, the simulator and replay alike: the cluster, the registry and
 * the names of the seven topics, with their defaults. Any key not defined here (a client, security or Schema
 * Registry setting such as {@code security.protocol} or {@code basic.auth.user.info}) passes through unchanged to
 * the Kafka clients and the serdes.
 *
 * <p>Sources, later ones winning ({@link #settings}): the defaults below, a {@code .properties} file, environment
 * variables {@code POLICY_STREAMS_<KEY>} (the key upper-cased, dots as underscores:
 * {@code POLICY_STREAMS_BOOTSTRAP_SERVERS}), then command-line flags ({@link ClientOptions}).
 */
public class ClientConfig extends AbstractConfig {

    /** Prefix of the environment variables that override settings. */
    public static final String ENVIRONMENT_PREFIX = "POLICY_STREAMS_";

    public static final String BOOTSTRAP_SERVERS = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...].";

    public static final String SCHEMA_REGISTRY_URL = SchemaRegistryConfig.SCHEMA_REGISTRY_URL;
    private static final String SCHEMA_REGISTRY_URL_DOC = "Schema Registry base URL, or a comma-separated list "
            + "of them (tried in turn when one cannot be reached), or mock://SCOPE for an in-memory registry inside "
            + "one JVM (the embedded demo). A malformed value is refused at start. The other registry settings are "
            + "listed under Wire format and Schema Registry.";

    public static final String STEPS_TOPIC = "steps.topic";
    public static final String MODELS_TOPIC = "models.topic";
    public static final String POLICIES_TOPIC = "policies.topic";
    public static final String REPORTS_TOPIC = "reports.topic";
    public static final String DEAD_LETTERS_TOPIC = "dead.letters.topic";
    public static final String DECISIONS_TOPIC = "decisions.topic";
    public static final String REWARDS_TOPIC = "rewards.topic";

    public static final String HTTP_PORT = "http.port";
    private static final String HTTP_PORT_DOC = "Port of the process's HTTP endpoint: Prometheus metrics at "
            + "/metrics, and the learner's dashboard at /. 0 takes a free port (the log's first lines name it), -1 "
            + "serves nothing.";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, RegistryUrls.VALIDATOR,
                    Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(STEPS_TOPIC, Type.STRING, "steps", Importance.HIGH, "Topic of Step events, key: episode id.")
            .define(MODELS_TOPIC, Type.STRING, "models", Importance.HIGH,
                    "Compacted topic of ModelSpec declarations, key: model id.")
            .define(POLICIES_TOPIC, Type.STRING, "policies", Importance.HIGH,
                    "Compacted topic of PolicySnapshot versions, key: model id.")
            .define(REPORTS_TOPIC, Type.STRING, "training-reports", Importance.MEDIUM,
                    "Topic of TrainingReport records, one per update, key: model id.")
            .define(DEAD_LETTERS_TOPIC, Type.STRING, "dead-letters", Importance.MEDIUM,
                    "Topic of rejected records: original bytes, reason in `__streams.errors.*` headers.")
            .define(DECISIONS_TOPIC, Type.STRING, "decisions", Importance.MEDIUM,
                    "Topic of Decision events, actions whose rewards come later, key: decision id.")
            .define(REWARDS_TOPIC, Type.STRING, "rewards", Importance.MEDIUM,
                    "Topic of Reward events for earlier decisions, key: decision id. Must have as many partitions as "
                            + "the decisions topic, so that a decision and its rewards meet on one learner task.")
            .define(HTTP_PORT, Type.INT, 0, ConfigDef.Range.between(-1, 65_535), Importance.MEDIUM, HTTP_PORT_DOC);

    private final ConfigDef definition;

    public ClientConfig(Map<String, ?> originals) {
        this(CONFIG, originals);
    }

    /** For a program's own settings on top of these: {@code definition} starts from {@link #CONFIG}. */
    protected ClientConfig(ConfigDef definition, Map<String, ?> originals) {
        super(definition, originals, false);
        this.definition = definition;
    }

    /** The settings of a properties file (may be null), environment variables and {@code flags}, in that order. */
    public static ClientConfig load(Path propertiesFile, Map<String, String> environment, Map<String, ?> flags) {
        return new ClientConfig(settings(propertiesFile, environment, flags));
    }

    /**
     * Settings from a properties file (may be null), then environment variables with {@link #ENVIRONMENT_PREFIX},
     * then {@code flags}: the one precedence of every program.
     */
    public static Map<String, Object> settings(Path propertiesFile, Map<String, String> environment,
                                               Map<String, ?> flags) {
        Map<String, Object> settings = new HashMap<>();
        if (propertiesFile != null) {
            settings.putAll(readProperties(propertiesFile));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                settings.put(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        settings.putAll(flags);
        return settings;
    }

    private static Map<String, Object> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        Map<String, Object> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }

    public String stepsTopic() {
        return getString(STEPS_TOPIC);
    }

    public String modelsTopic() {
        return getString(MODELS_TOPIC);
    }

    public String policiesTopic() {
        return getString(POLICIES_TOPIC);
    }

    public String reportsTopic() {
        return getString(REPORTS_TOPIC);
    }

    public String deadLettersTopic() {
        return getString(DEAD_LETTERS_TOPIC);
    }

    public String decisionsTopic() {
        return getString(DECISIONS_TOPIC);
    }

    public String rewardsTopic() {
        return getString(REWARDS_TOPIC);
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    /** Whether {@code name} is one of this program's own settings rather than one passed through. */
    protected boolean isDefined(String name) {
        return definition.names().contains(name);
    }

    /** Settings for an admin, producer or consumer client of the cluster (connection and security). */
    public Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new LinkedHashMap<>();
        originals().forEach((name, value) -> {
            if (!isDefined(name) && !name.startsWith("schema.registry.") && !name.startsWith("basic.auth.")
                    && !name.startsWith("avro.")) {
                configs.put(name, value);
            }
        });
        configs.put(BOOTSTRAP_SERVERS, getString(BOOTSTRAP_SERVERS));
        return configs;
    }

    /**
     * Settings for an actor's producer of steps, decisions or rewards: {@link #clientConfigs()}, idempotent with
     * acks=all (no record lost or doubled on retry), and linger.ms 5 unless the settings give one.
     */
    public Map<String, Object> actorProducerConfigs() {
        Map<String, Object> configs = clientConfigs();
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return configs;
    }

    /** What the Avro serdes get: the registry URL and every pass-through setting (registry auth, TLS, ...). */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = new HashMap<>();
        originals().forEach((name, value) -> {
            if (!isDefined(name)) {
                configs.put(name, value);
            }
        });
        configs.put(SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL));
        return configs;
    }

    /** The value serde of a topic or store holding {@code type}, in the registry wire format. */
    public <T extends SpecificRecord> Serde<T> avroSerde(Class<T> type) {
        return AvroSerdes.forType(type, serdeConfigs(), false);
    }
}
