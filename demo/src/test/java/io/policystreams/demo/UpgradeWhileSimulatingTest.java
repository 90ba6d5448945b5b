package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.PolicyStreamsApp;
import io.policystreams.app.config.AppConfig;
import io.policystreams.app.upgrade.ApplicationUpgrade;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.KafkaStepSink;
import io.policystreams.simulator.runtime.ModelDeclaration;
import io.policystreams.simulator.runtime.PolicyFollower;
import io.policystreams.simulator.runtime.Simulator;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/README's upgrade, end to end while a simulator acts: a learner is stopped mid-training, {@code upgrade}
 * moves its state to a new application id whose topology has three learner partitions instead of one, and a learner
 * of that goes on. The simulator never stops. Every version is published once, in order, none goes back to 0, no
 * step is dead-lettered, and every episode the simulator played is trained on exactly once.
 */
class UpgradeWhileSimulatingTest {

    private static final int EPISODES = 6_000;
    private static final int BATCH_EPISODES = 32;
    private static final int HELD_BACK = 500;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path stateDirectory;

    @Test
    void aModelKeepsItsVersionsAndLearnsOnAcrossAnUpgradeWhileItsSimulatorActs() throws Exception {
        String registry = "mock://upgrade-" + System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AppConfig before = learner(kafka, registry, "learner-v1", 1);
            AppConfig after = learner(kafka, registry, "learner-v2", 3);
            ModelSpec spec = bandit();
            KafkaStreams first = PolicyStreamsApp.start(before);
            ModelDeclaration.publish(before, spec);

            AtomicLong played = new AtomicLong();
            CountDownLatch upgraded = new CountDownLatch(1);
            AtomicLong newestVersionActed = new AtomicLong(-1);
            Thread simulator = new Thread(() -> simulate(before, played, newestVersionActed, upgraded),
                    "simulator");
            simulator.start();
            awaitTrue(() -> newestVersionActed.get() >= 3, "the simulator acting from version 3");
            PolicyStreamsApp.stop(first);
            long playedWhenStopped = played.get();
            long stoppedAt = newest(snapshots(before)).getVersion();

            ApplicationUpgrade.Report report = new ApplicationUpgrade(after, "learner-v1").run();
            KafkaStreams second = PolicyStreamsApp.start(after);
            long playedWhenUpgraded = played.get();
            upgraded.countDown();
            simulator.join();
            try {
                long trainable = EPISODES / BATCH_EPISODES * BATCH_EPISODES;
                awaitTrue(() -> newest(snapshots(before)).getEpisodesConsumed() >= trainable, "every batch trained");
                List<PolicySnapshot> snapshots = snapshots(before);
                for (int i = 0; i < snapshots.size(); i++) {
                    assertEquals(i, snapshots.get(i).getVersion(), "versions once each, in order");
                }
                assertTrue(playedWhenUpgraded > playedWhenStopped, "the simulator acted while there was no learner");
                assertTrue(playedWhenUpgraded < EPISODES, "the simulator still acted when the new learner started");
                assertTrue(newestVersionActed.get() > stoppedAt, "the simulator acted from versions after the upgrade");
                assertEquals(trainable, newest(snapshots).getEpisodesConsumed(), "every episode trained exactly once");
                assertEquals(EPISODES / BATCH_EPISODES, newest(snapshots).getVersion());
                assertEquals(0, records(before, "dead-letters").size(), "dead letters");
                ApplicationUpgrade.Refused again = assertThrows(ApplicationUpgrade.Refused.class,
                        () -> new ApplicationUpgrade(after, "learner-v1").run());
                assertTrue(again.getMessage().contains("application learner-v2 already has committed offsets"),
                        again.getMessage());
                assertTrue(String.join("\n", report.rows()).contains("learner-v2-learner-models-changelog | changelog "
                        + "| 1 | 3 | "), String.join("\n", report.rows()));
            } finally {
                second.close(Duration.ofSeconds(30));
                SchemaRegistries.dropScope(registry.substring("mock://".length()));
            }
        }
    }

    /**
     * A bandit of one-step episodes, paced at about 3 ms each; its last {@value #HELD_BACK} episodes wait for the new
     * learner, so that the simulator is still acting when it starts.
     */
    private void simulate(ClientConfig cluster, AtomicLong played, AtomicLong newestVersionActed,
                          CountDownLatch upgraded) {
        SimulatorSettings settings = new SimulatorSettings("bandit", "upgrade-sim", 1, 5L, EPISODES, 0, Double.NaN,
                100, 0, Duration.ofMinutes(1));
        try (PolicyFollower policies = new PolicyFollower(cluster, "bandit");
             KafkaStepSink steps = new KafkaStepSink(cluster)) {
            new Simulator(settings, Environments.named(Environments.BANDIT), policies, steps,
                    (episodes, stepCount, episodeReturn, length, version, meanReturn) -> {
                        played.set(episodes);
                        newestVersionActed.accumulateAndGet(version, Math::max);
                        pace(episodes == EPISODES - HELD_BACK ? upgraded : new CountDownLatch(0));
                    }).run();
        }
    }

    private static void pace(CountDownLatch gate) {
        try {
            // Pacing, so that the simulator is still acting while the learner is upgraded.
            TimeUnit.MILLISECONDS.sleep(3);
            assertTrue(gate.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the upgraded learner started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ModelSpec bandit() {
        ModelSpec spec = DefaultModels.forEnvironment(Environments.BANDIT, "bandit", 5L);
        return ModelSpec.newBuilder(spec).setHyperparameters(Hyperparameters.newBuilder(spec.getHyperparameters())
                .setBatchEpisodes(BATCH_EPISODES).setMaxVersionLag(1_000_000L).build()).build();
    }

    private AppConfig learner(EmbeddedKafka kafka, String registry, String applicationId, int learnerPartitions) {
        return new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                AppConfig.APPLICATION_ID, applicationId, AppConfig.SCHEMA_REGISTRY_URL, registry,
                AppConfig.STEPS_PARTITIONS, 2, AppConfig.LEARNER_PARTITIONS, learnerPartitions,
                "state.dir", stateDirectory.resolve(applicationId).toString(), "commit.interval.ms", 20));
    }

    private static PolicySnapshot newest(List<PolicySnapshot> snapshots) {
        return snapshots.get(snapshots.size() - 1);
    }

    private static List<PolicySnapshot> snapshots(ClientConfig cluster) {
        Deserializer<PolicySnapshot> values = cluster.avroSerde(PolicySnapshot.class).deserializer();
        List<PolicySnapshot> snapshots = new ArrayList<>();
        records(cluster, "policies").forEach(record -> snapshots.add(values.deserialize("policies", record.value())));
        return snapshots;
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(ClientConfig cluster, String topic) {
        return TopicReader.readAll(cluster.clientConfigs(), topic, new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), DEADLINE);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE + " for " + what);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
