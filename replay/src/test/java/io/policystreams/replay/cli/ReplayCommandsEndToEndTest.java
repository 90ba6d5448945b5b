package io.policystreams.replay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.client.ClientConfig;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.learning.LearnerStates;
import io.policystreams.replay.PublishedPolicies;
import io.policystreams.replay.RecordedBandit;
import io.policystreams.replay.ReplayOutput;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.StepExport;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.SchemaRegistries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three commands against a real broker: a recorded bandit log on a three-partition steps topic (with one record
 * that is not a step), a live model published and a live consumer group with committed offsets. Replay must leave
 * the group and the live model as they were, and the topic and its export must replay to the same parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandsEndToEndTest {

    private static final String LIVE_GROUP = "policy-streams";
    private static final int EPISODES = 1_200;

    private EmbeddedKafka kafka;
    private String registry;
    private ClientConfig config;
    private final Map<TopicPartition, OffsetAndMetadata> liveOffsets = new HashMap<>();
    private PolicySnapshot liveSnapshot;

    @TempDir
    Path directory;

    @BeforeAll
    void recordALog() throws Exception {
        kafka = EmbeddedKafka.start();
        registry = "mock://replay-e2e";
        config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ClientConfig.SCHEMA_REGISTRY_URL, registry));
        kafka.createTopics(List.of(new NewTopic("steps", 3, (short) 1), new NewTopic("policies", 1, (short) 1),
                new NewTopic("training-reports", 1, (short) 1)));
        liveSnapshot = PolicySnapshot.newBuilder(LearnerStates.snapshot(RecordedBandit.SOURCE,
                LearnerStates.initial(ModelSpecs.bind(RecordedBandit.spec(RecordedBandit.SOURCE, 10)), 0L), 0L))
                .setVersion(24L).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.clientConfigs(),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Step step : RecordedBandit.steps(EPISODES, 0.3, 9L)) {
                producer.send(new ProducerRecord<>("steps", null, step.getEventTime().toEpochMilli(),
                        step.getEpisodeId(), config.avroSerde(Step.class).serializer().serialize("steps", step)));
            }
            producer.send(new ProducerRecord<>("steps", "garbage", new byte[] {1, 2, 3}));
            producer.send(new ProducerRecord<>("policies", RecordedBandit.SOURCE,
                    config.avroSerde(PolicySnapshot.class).serializer().serialize("policies", liveSnapshot)));
        }
        try (Admin admin = Admin.create(config.clientConfigs())) {
            for (int p = 0; p < 3; p++) {
                liveOffsets.put(new TopicPartition("steps", p), new OffsetAndMetadata(7L * (p + 1)));
            }
            admin.alterConsumerGroupOffsets(LIVE_GROUP, liveOffsets).all().get();
        }
    }

    @AfterAll
    void stop() throws Exception {
        kafka.close();
        SchemaRegistries.dropScope("replay-e2e");
    }

    private String[] command(String name, String... options) {
        List<String> args = new ArrayList<>(List.of(name, "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private String run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replayFromTheTopicAndFromItsExportGiveTheSameModelAndLeaveTheLiveOnesAlone() throws Exception {
        Path exported = directory.resolve("steps.avro");
        String exportSummary = run(command("export", "--out", exported.toString(), "--model", RecordedBandit.SOURCE));
        assertTrue(exportSummary.contains("exported 1,200 steps of model bandit-live"), exportSummary);
        assertTrue(exportSummary.contains("skipped 1 records that are not steps"), exportSummary);
        assertTrue(ContainerFileStepLog.metadata(exported, StepExport.SPEC_METADATA_PREFIX + RecordedBandit.SOURCE)
                .contains("\"bandit-live\""));

        Path fromTopic = directory.resolve("from-topic");
        String replaySummary = run(command("replay", "--model-id", "bandit-replayed", "--source-model",
                RecordedBandit.SOURCE, "--hp", "batchEpisodes=40", "--out", fromTopic.toString(), "--publish"));
        Path fromFile = directory.resolve("from-file");
        run(new String[] {"replay", "--files", exported.toString(), "--model-id", "bandit-replayed",
                "--source-model", RecordedBandit.SOURCE, "--hp", "batchEpisodes=40", "--out", fromFile.toString()});

        assertTrue(replaySummary.contains("version 30"), replaySummary);
        assertTrue(replaySummary.contains("rejected 1 records"), replaySummary);
        PolicySnapshot topicModel = EvaluateOfflineCommand.fromFile(fromTopic.resolve(ReplayOutput.POLICIES_FILE), -1);
        PolicySnapshot fileModel = EvaluateOfflineCommand.fromFile(fromFile.resolve(ReplayOutput.POLICIES_FILE), -1);
        assertEquals(30L, topicModel.getVersion());
        assertEquals(topicModel.getPolicyParameters(), fileModel.getPolicyParameters());

        assertEquals(topicModel, PublishedPolicies.latest(config, "bandit-replayed"));
        assertEquals(liveSnapshot, PublishedPolicies.latest(config, RecordedBandit.SOURCE));
        try (Admin admin = Admin.create(config.clientConfigs())) {
            assertEquals(liveOffsets, admin.listConsumerGroupOffsets(LIVE_GROUP).partitionsToOffsetAndMetadata()
                    .get());
            Set<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(LIVE_GROUP), groups);
        }
    }

    @Test
    void aRangeReadsOnlyItsOffsetsAndEvaluationPrintsTheTable() {
        Path exported = directory.resolve("first-hundred.avro");
        String summary = run(command("export", "--out", exported.toString(), "--to-offset", "0:50,1:30,2:20"));
        assertTrue(summary.contains("exported 100 steps of every model"), summary);

        Path replayed = directory.resolve("replayed");
        run(command("replay", "--model-id", "bandit-eval", "--source-model", RecordedBandit.SOURCE, "--out",
                replayed.toString()));
        String table = run(command("evaluate-offline", "--source-model", RecordedBandit.SOURCE, "--policy-file",
                replayed.resolve(ReplayOutput.POLICIES_FILE).toString(), "--resamples", "200"));

        assertTrue(table.contains("on 1,200 recorded episodes of model bandit-live"), table);
        assertTrue(table.contains("| per-decision importance sampling | "), table);
        assertTrue(table.contains("| weighted importance sampling | "), table);
        assertTrue(table.contains("rejected 1 records"), table);
    }

    @Test
    void aPublishedModelIdIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReplayMain.run(command("replay", "--model-id", RecordedBandit.SOURCE, "--source-model",
                        RecordedBandit.SOURCE, "--out", directory.resolve("refused").toString(), "--publish"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertEquals("replay: model bandit-live is already published; replay trains a new model, give it a new "
                + "--model-id",
                err.toString(StandardCharsets.UTF_8).trim());
    }
}
