package io.policystreams.app.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.policystreams.app.config.AppConfig;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.app.processor.AssembledEpisode;
import io.policystreams.app.processor.DecisionOrReward;
import io.policystreams.app.processor.EpisodeAssembler;
import io.policystreams.app.processor.JoinedDecision;
import io.policystreams.app.processor.Learner;
import io.policystreams.app.processor.LearnerOutput;
import io.policystreams.app.processor.LearnerStoreLayout;
import io.policystreams.app.processor.ModelDeclarations;
import io.policystreams.app.processor.ModelSpecValidator;
import io.policystreams.app.processor.PublishedSpecs;
import io.policystreams.app.processor.RewardJoiner;
import io.policystreams.app.processor.StepValidator;
import io.policystreams.app.topic.Topics;
import io.policystreams.learning.StepRules;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Step;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Steps in, versioned policies out:
 * steps → validate → assemble episodes (by episode id) → repartition by model id → learner (returns, advantages
 * and the policy-gradient update, in {@code PolicyTrainer}) → snapshots on the compacted policies topic and
 * reports. Models are declared on the models topic; the published policies come back as a global table, so
 * steps are validated against the spec their simulators act from. Decisions and their later rewards (by decision
 * id) are joined first, and each joined step goes to the steps topic like any other. Every node, store and
 * internal topic is named.
 */
public final class LearningTopology {

    private LearningTopology() {
    }

    /** The nodes, stores and internal topics of {@code config}'s topology, for tools that never run it. */
    public static TopologyDescription describe(AppConfig config) {
        return build(config, new LearnerMetrics(new SimpleMeterRegistry())).describe();
    }

    /** The topology of {@code config}; its processors record into {@code metrics}. */
    public static Topology build(AppConfig config, LearnerMetrics metrics) {
        Topics topics = Topics.from(config);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Topics.persistentStore(EpisodeAssembler.BUFFERS, topics.episodeBufferSerde()));
        builder.addStateStore(Topics.persistentStore(EpisodeAssembler.STEPS, topics.steps().valueSerde()));
        builder.addStateStore(Topics.persistentStore(EpisodeAssembler.SOURCES, topics.sourceOffsetSerde()));
        builder.addStateStore(Topics.persistentStore(LearnerStoreLayout.MODELS, topics.learnerStateSerde()));
        builder.addStateStore(Topics.persistentStore(LearnerStoreLayout.BATCH_PROGRESS, topics.batchProgressSerde()));
        builder.addStateStore(Topics.persistentStore(LearnerStoreLayout.BATCH_EPISODES, topics.episodeSerde()));
        builder.addStateStore(Topics.persistentStore(RewardJoiner.WINDOWS, topics.rewardWindowSerde()));
        builder.addStateStore(Topics.persistentStore(RewardJoiner.DEADLINES, Serdes.String()));
        builder.addGlobalStore(Topics.globalStore(PublishedSpecs.STORE, topics.policies().valueSerde()),
                topics.policies().name(), topics.policies().consumedSkippingUnreadable("policies-global"),
                PublishedSpecs::new);

        StepRules rules = new StepRules(config.getInt(AppConfig.EPISODE_MAX_STEPS));
        long maxEpisodeBytes = config.getInt(AppConfig.EPISODE_MAX_BYTES);
        Duration idleTimeout = config.millis(AppConfig.EPISODE_IDLE_TIMEOUT_MS);
        Duration expiryInterval = config.millis(AppConfig.EPISODE_EXPIRY_INTERVAL_MS);

        KStream<String, AssembledEpisode> assembled = builder
                .stream(topics.steps().name(), topics.steps().consumed("steps-source"))
                .processValues(() -> new StepValidator(rules), Named.as("validate-steps"))
                .process(() -> new EpisodeAssembler(idleTimeout, expiryInterval, maxEpisodeBytes, metrics),
                        Named.as("assemble-episodes"),
                        EpisodeAssembler.BUFFERS, EpisodeAssembler.STEPS, EpisodeAssembler.SOURCES);

        assembled.filterNot((episodeId, episode) -> episode.isComplete(), Named.as("expired-episodes"))
                .mapValues(AssembledEpisode::expiredStep, Named.as("expired-episode-steps"))
                .to(topics.deadLetters().name(), topics.deadLetters().produced("expired-steps-to-dead-letters"));

        KStream<String, Episode> episodesByModel = assembled
                .filter((episodeId, episode) -> episode.isComplete(), Named.as("complete-episodes"))
                .map(LearningTopology::keyByModel, Named.as("key-episodes-by-model"))
                .repartition(topics.byModel("episodes-by-model", topics.episodeSerde()));

        long maxSnapshotBytes = config.getInt(AppConfig.POLICY_MAX_BYTES);
        KStream<String, ModelSpec> declarations = builder
                .stream(topics.models().name(), topics.models().consumed("models-source"))
                .processValues(() -> new ModelSpecValidator(maxSnapshotBytes), Named.as("validate-models"))
                .repartition(topics.byModel("models-by-model", topics.models().valueSerde()));

        int maxFailedUpdates = config.getInt(AppConfig.LEARNER_MAX_FAILED_UPDATES);
        KStream<String, LearnerOutput> outputs = declarations
                .process(ModelDeclarations::new, Named.as("declare-models"),
                        LearnerStoreLayout.MODELS, LearnerStoreLayout.BATCH_PROGRESS)
                .merge(episodesByModel.process(() -> new Learner(maxFailedUpdates, metrics), Named.as("learn"),
                        LearnerStoreLayout.MODELS, LearnerStoreLayout.BATCH_PROGRESS, LearnerStoreLayout.BATCH_EPISODES),
                        Named.as("policy-updates"));

        outputs.filter((modelId, output) -> output.hasSnapshot(), Named.as("updates-with-snapshots"))
                .mapValues(LearnerOutput::snapshot, Named.as("snapshots"))
                .to(topics.policies().name(), topics.policies().produced("policies-sink"));
        outputs.filter((modelId, output) -> output.hasReport(), Named.as("updates-with-reports"))
                .mapValues(LearnerOutput::report, Named.as("reports"))
                .to(topics.reports().name(), topics.reports().produced("reports-sink"));
        outputs.filter((key, output) -> output.isRejectedStep(), Named.as("rejected-by-learner"))
                .mapValues(LearnerOutput::rejectedStep, Named.as("rejected-steps"))
                .to(topics.deadLetters().name(), topics.deadLetters().produced("rejected-steps-to-dead-letters"));
        // Last, so that the sub-topologies above keep their numbers, and a learner's task ids, across the upgrade.
        joinRewards(builder, topics, config);
        return builder.build();
    }

    /**
     * Decisions and rewards (key: decision id) → the reward joiner → joined steps to the steps topic, rewards no
     * decision claimed to the dead letters (as the bytes they had on the rewards topic).
     */
    private static void joinRewards(StreamsBuilder builder, Topics topics, AppConfig config) {
        KStream<String, JoinedDecision> joined = builder
                .stream(topics.decisions().name(), topics.decisions().consumed("decisions-source"))
                .mapValues(DecisionOrReward::of, Named.as("decisions-to-join"))
                .merge(builder.stream(topics.rewards().name(), topics.rewards().consumed("rewards-source"))
                        .mapValues(DecisionOrReward::of, Named.as("rewards-to-join")), Named.as("decisions-and-rewards"))
                .process(() -> new RewardJoiner(config.millis(AppConfig.REWARD_WAIT_MS),
                                config.millis(AppConfig.REWARD_GRACE_MS),
                                config.millis(AppConfig.REWARD_ORPHAN_TIMEOUT_MS),
                                config.millis(AppConfig.REWARD_CLOSED_RETENTION_MS),
                                config.millis(AppConfig.REWARD_PUNCTUATION_INTERVAL_MS)),
                        Named.as("join-rewards"), RewardJoiner.WINDOWS, RewardJoiner.DEADLINES);
        joined.filter((key, outcome) -> outcome.isJoined(), Named.as("joined-decisions"))
                .mapValues(JoinedDecision::step, Named.as("joined-steps"))
                .to(topics.steps().name(), topics.steps().produced("joined-steps-to-steps"));
        joined.filterNot((key, outcome) -> outcome.isJoined(), Named.as("unclaimed-rewards"))
                .mapValues(JoinedDecision::unclaimedReward, Named.as("unclaimed-reward-values"))
                .to(topics.deadLetters().name(), Produced.with(Serdes.String(), topics.rewardAsOnItsTopic())
                        .withName("unclaimed-rewards-to-dead-letters"));
    }

    private static KeyValue<String, Episode> keyByModel(String episodeId, AssembledEpisode assembled) {
        return KeyValue.pair(assembled.episode().getModelId(), assembled.episode());
    }
}
