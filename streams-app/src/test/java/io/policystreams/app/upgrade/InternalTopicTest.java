package io.policystreams.app.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.topology.LearningTopology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** What an upgrade carries over: the learning topology's internal topics, and where a record goes. */
class InternalTopicTest {

    private static final TopologyDescription TOPOLOGY = LearningTopology.describe(new AppConfig(Map.of(
            AppConfig.APPLICATION_ID, "upgrade-test", AppConfig.BOOTSTRAP_SERVERS, "unused:9092",
            AppConfig.SCHEMA_REGISTRY_URL, "mock://upgrade-test", AppConfig.LEARNER_PARTITIONS, 3)));

    @Test
    void everyStoreHasAChangelogWithItsSubTopologysPartitionsAndEveryRepartitionTopicIsFound() {
        Map<String, String> partitionsByTopic = InternalTopic.of(TOPOLOGY, topic -> topic.equals("steps") ? 6 : 1, 3)
                .stream().collect(Collectors.toMap(topic -> topic.name("app"),
                        topic -> topic.kind() + " " + topic.partitions()));

        assertEquals(Map.of(
                "app-episode-buffers-changelog", "CHANGELOG 6",
                "app-episode-steps-changelog", "CHANGELOG 6",
                "app-episode-step-sources-changelog", "CHANGELOG 6",
                "app-episodes-by-model-repartition", "REPARTITION 3",
                "app-models-by-model-repartition", "REPARTITION 3",
                "app-learner-models-changelog", "CHANGELOG 3",
                "app-learner-batch-progress-changelog", "CHANGELOG 3",
                "app-learner-batch-episodes-changelog", "CHANGELOG 3",
                "app-reward-windows-changelog", "CHANGELOG 1",
                "app-reward-deadlines-changelog", "CHANGELOG 1"), partitionsByTopic);
    }

    @Test
    void theGroupReadsTheStepsModelsDecisionsAndRewardsTopicsTheGlobalStoreIsNotAmongThem() {
        assertEquals(Set.of("steps", "models", "decisions", "rewards"), InternalTopic.sourceTopics(TOPOLOGY),
                "the steps topic too, although the reward joiner writes it");
    }

    @Test
    void aKeyGoesWhereKafkasDefaultPartitionerSendsTheIdItStartsWith() {
        for (String id : List.of("cartpole", "model-7", "épisode-ü", "x")) {
            byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, 3, 7, 12}) {
                int expected = BuiltInPartitioner.partitionForKey(idBytes, partitions);
                assertEquals(expected, ApplicationUpgrade.partitionOfId(idBytes, partitions), id);
                byte[] storeKey = (id + "\0" + "0000000042").getBytes(StandardCharsets.UTF_8);
                assertEquals(expected, ApplicationUpgrade.partitionOfId(storeKey, partitions), id + " NUL suffix");
            }
        }
    }
}
