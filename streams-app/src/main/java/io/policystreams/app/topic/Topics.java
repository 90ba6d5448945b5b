package io.policystreams.app.topic;

import io.policystreams.app.config.AppConfig;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.RewardWindow;
import io.policystreams.schemas.SourceOffset;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.schemas.serde.AvroSerdes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serdes.StringSerde;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalogue of the application's topics and of the serdes of its internal topics and stores, from one
 * configuration. Keys are strings (episode or model ids); values are Avro in the registry wire format.
 */
public record Topics(Topic<String, Step> steps, Topic<String, ModelSpec> models, Topic<String, PolicySnapshot> policies,
                     Topic<String, TrainingReport> reports, Topic<String, Step> deadLetters,
                     Topic<String, Decision> decisions, Topic<String, Reward> rewards,
                     Serde<Episode> episodeSerde, Serde<EpisodeBuffer> episodeBufferSerde,
                     Serde<LearnerState> learnerStateSerde, Serde<BatchProgress> batchProgressSerde,
                     Serde<SourceOffset> sourceOffsetSerde, Serde<RewardWindow> rewardWindowSerde,
                     int learnerPartitions) {

    public static Topics from(AppConfig config) {
        Map<String, Object> serdeConfigs = config.serdeConfigs();
        Serde<String> keys = Serdes.String();
        return new Topics(
                new Topic<>(config.getString(AppConfig.STEPS_TOPIC), keys, avro(Step.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.MODELS_TOPIC), keys, avro(ModelSpec.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.POLICIES_TOPIC), keys,
                        avro(PolicySnapshot.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.REPORTS_TOPIC), keys,
                        avro(TrainingReport.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.DEAD_LETTERS_TOPIC), keys, avro(Step.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.DECISIONS_TOPIC), keys, avro(Decision.class, serdeConfigs)),
                new Topic<>(config.getString(AppConfig.REWARDS_TOPIC), keys, avro(Reward.class, serdeConfigs)),
                avro(Episode.class, serdeConfigs),
                avro(EpisodeBuffer.class, serdeConfigs),
                avro(LearnerState.class, serdeConfigs),
                avro(BatchProgress.class, serdeConfigs),
                avro(SourceOffset.class, serdeConfigs),
                avro(RewardWindow.class, serdeConfigs),
                config.getInt(AppConfig.LEARNER_PARTITIONS));
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, Object> configs) {
        return AvroSerdes.forType(type, configs, false);
    }

    /** The internal topic {@code <application.id>-<name>-repartition}, keyed by model id. */
    public <V> Repartitioned<String, V> byModel(String name, Serde<V> valueSerde) {
        return Repartitioned.<String, V>as(name).withKeySerde(new StringSerde()).withValueSerde(valueSerde)
                .withNumberOfPartitions(learnerPartitions);
    }

    /** A persistent (RocksDB, changelogged) key-value store named {@code name}. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> persistentStore(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    /** A global (read-only, unlogged: its topic is its changelog) key-value store named {@code name}. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> globalStore(String name, Serde<V> valueSerde) {
        return persistentStore(name, valueSerde).withLoggingDisabled();
    }

    /**
     * The rewards topic's serde writing under the rewards topic's subject whatever topic it is given: a reward no
     * decision claimed goes to the dead letters as the bytes it had on the rewards topic.
     */
    public Serde<Reward> rewardAsOnItsTopic() {
        return Serdes.serdeFrom((topic, reward) -> rewards.valueSerde().serializer().serialize(rewards.name(), reward),
                (topic, bytes) -> rewards.valueSerde().deserializer().deserialize(rewards.name(), bytes));
    }

    /**
     * The seven topics, as the application creates them when absent: models and policies compacted, policies
     * sized for the largest snapshot accepted ({@link AppConfig#policyRecordBytes}), decisions and rewards with
     * as many partitions as each other.
     */
    public List<NewTopic> newTopics(AppConfig config) {
        short replication = (short) (int) config.getInt(AppConfig.REPLICATION_FACTOR);
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> compactedSnapshots = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.policyRecordBytes()));
        return List.of(
                new NewTopic(steps.name(), config.getInt(AppConfig.STEPS_PARTITIONS), replication),
                new NewTopic(models.name(), config.getInt(AppConfig.MODELS_PARTITIONS), replication).configs(compacted),
                new NewTopic(policies.name(), config.getInt(AppConfig.POLICIES_PARTITIONS), replication)
                        .configs(compactedSnapshots),
                new NewTopic(reports.name(), config.getInt(AppConfig.REPORTS_PARTITIONS), replication),
                new NewTopic(deadLetters.name(), config.getInt(AppConfig.DEAD_LETTERS_PARTITIONS), replication),
                new NewTopic(decisions.name(), config.getInt(AppConfig.DECISIONS_PARTITIONS), replication),
                new NewTopic(rewards.name(), config.getInt(AppConfig.DECISIONS_PARTITIONS), replication));
    }
}
