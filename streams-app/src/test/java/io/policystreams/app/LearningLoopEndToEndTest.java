package io.policystreams.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.app.processor.RewardJoiner;
import io.policystreams.binding.Actions;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.client.TopicReader;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.learning.TestModels;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.RewardWindow;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.serde.AvroSerdes;
import io.policystreams.schemas.serde.MalformedRecordException;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The learner on a real broker, exactly once: a scripted simulator acts on a two-armed bandit from the latest
 * published policy and publishes its steps, and the learner drives the policy to the better arm. Runs on the
 * in-process KRaft broker; the same tests run on Testcontainers' Kafka where a Docker engine exists.
 */
class LearningLoopEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnEmbeddedKafka extends LearningLoop {

        private EmbeddedKafka kafka;

        @BeforeAll
        void startBroker() throws Exception {
            kafka = EmbeddedKafka.start();
        }

        @AfterAll
        void stopBroker() throws Exception {
            kafka.close();
        }

        @Override
        String bootstrapServers() {
            return kafka.bootstrapServers();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @Testcontainers(disabledWithoutDocker = true)
    class OnTestcontainersKafka extends LearningLoop {

        @Container
        private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");

        @Override
        String bootstrapServers() {
            return kafka.getBootstrapServers();
        }
    }

    abstract static class LearningLoop {

        abstract String bootstrapServers();

        @Test
        void aBanditLearnsTheBetterArmAndThePoliciesTopicShowsIncreasingVersions() throws Exception {
            try (Loop loop = new Loop(bootstrapServers())) {
                loop.declare(TestModels.bandit(16).build());

                PolicySnapshot policy = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 0L);
                Random rng = new Random(11);
                List<Long> versions = new ArrayList<>(List.of(policy.getVersion()));
                while (probabilityOfArm(policy, 1) < 0.95) {
                    for (int e = 0; e < 16; e++) {
                        loop.send(actOnce(policy, "v" + policy.getVersion() + "-e" + e, rng));
                    }
                    long acted = policy.getVersion();
                    policy = loop.awaitPolicy(snapshot -> snapshot.getVersion() > acted);
                    versions.add(policy.getVersion());
                }

                for (int i = 1; i < versions.size(); i++) {
                    assertEquals(versions.get(i - 1) + 1, versions.get(i), "versions " + versions);
                }
                assertTrue(versions.size() > 2, "it learned, in " + versions.size() + " versions");
                assertEquals(16L * (versions.size() - 1), policy.getEpisodesConsumed());
            }
        }

        @Test
        void badInputIsDeadLetteredWithItsReasonAndTheLoopKeepsLearning() throws Exception {
            try (Loop loop = new Loop(bootstrapServers())) {
                loop.declare(TestModels.bandit(1).build());
                PolicySnapshot v0 = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 0L);
                byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

                loop.sendRaw("e-0", garbage);
                loop.send(TestModels.step("e-1", 0, 1).setObservation(List.of(1.0, 2.0)).build());
                loop.send(actOnce(v0, "e-2", new Random(3)));

                PolicySnapshot v1 = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 1L);
                assertEquals(1L, v1.getEpisodesConsumed());
                List<ConsumerRecord<byte[], byte[]>> dead = loop.awaitDeadLetters(2);
                assertArrayEquals(garbage, dead.get(0).value());
                assertEquals(MalformedRecordException.class.getName(), header(dead.get(0), DeadLetterHeaders.EXCEPTION));
                assertEquals("observation must have 1 entries (the model's observationSize), had 2",
                        header(dead.get(1), DeadLetterHeaders.MESSAGE));
            }
        }

        /**
         * Every documented metric is on {@code /metrics} while the learner runs, with the values of the run: the
         * version, the dead letters by reason class, the episode still being assembled, and Kafka Streams' own.
         */
        @Test
        void theMetricsEndpointServesEveryDocumentedMetricDuringALiveRun() throws Exception {
            try (Loop loop = new Loop(bootstrapServers())) {
                loop.declare(TestModels.bandit(1).build());
                PolicySnapshot v0 = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 0L);
                loop.sendRaw("e-0", "not avro".getBytes(StandardCharsets.UTF_8));
                loop.send(TestModels.step("open", 0, 2).build());
                loop.send(actOnce(v0, "e-1", new Random(3)));
                loop.awaitPolicy(snapshot -> snapshot.getVersion() == 1L);
                loop.awaitDeadLetters(1);

                Map<String, List<String>> samples = loop.scrapeMetrics();
                for (LearnerMetrics.Documented metric : LearnerMetrics.DOCUMENTED) {
                    assertTrue(samples.keySet().stream().anyMatch(name -> name.equals(metric.name())
                            || name.startsWith(metric.name() + "_")), metric.name() + " in " + samples.keySet());
                }
                assertEquals(List.of("1.0"), values(samples, "policy_streams_model_version", "model=\"bandit\""));
                assertEquals(List.of("1.0"), values(samples, "policy_streams_model_episodes_waiting", "bandit"));
                assertEquals(List.of("1.0"), values(samples, "policy_streams_dead_letters_total",
                        "reason=\"MalformedRecordException\""));
                assertTrue(samples.keySet().stream().anyMatch(name -> name.startsWith("kafka_stream_thread_")),
                        "Kafka Streams' metrics: " + samples.keySet());
            }
        }

        /** The values of the samples of {@code name} whose line contains {@code label}. */
        private static List<String> values(Map<String, List<String>> samples, String name, String label) {
            return samples.getOrDefault(name, List.of()).stream().filter(line -> line.contains(label))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
        }

        /**
         * Text on the policies topic is skipped by the learner's global store, also when the store is restored at a
         * restart, and steps of the model keep being validated against its last good spec. A spec of [400, 400]
         * networks (a 2.6 MB snapshot) is published: the policies topic was created for policy.max.bytes.
         */
        @Test
        void garbageIsSkippedBeforeAndAfterARestartAndLargeSnapshotsArePublished() throws Exception {
            try (Loop loop = new Loop(bootstrapServers())) {
                loop.declare(TestModels.bandit(1).build());
                PolicySnapshot v0 = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 0L);
                loop.send(actOnce(v0, "e-1", new Random(3)));
                loop.awaitPolicy(snapshot -> snapshot.getVersion() == 1L);
                loop.sendRawPolicy(TestModels.BANDIT, "29 bytes of text, not a model".getBytes(StandardCharsets.UTF_8));
                loop.sendRawPolicy(TestModels.BANDIT, null);
                loop.send(actOnce(v0, "e-2", new Random(4)));
                loop.awaitPolicy(snapshot -> snapshot.getVersion() == 2L);

                loop.restartRestoringTheGlobalStore();
                loop.send(actOnce(v0, "e-3", new Random(5)));
                assertEquals(3L, loop.awaitPolicy(snapshot -> snapshot.getVersion() == 3L).getEpisodesConsumed());

                loop.declare(TestModels.bandit(1).setModelId("large").setPolicyNetwork(NetworkArchitecture.newBuilder()
                        .setHiddenSizes(List.of(400, 400)).build()).build());
                PolicySnapshot large = loop.awaitPolicy(snapshot -> snapshot.getModelId().equals("large"));
                assertEquals(1 * 400 + 400 + 400 * 400 + 400 + 400 * 2 + 2, large.getPolicyParameters().size());
                assertEquals(0, loop.deadLettersNow().size(), "nothing dead-lettered");
            }
        }

        /**
         * A decision and its first reward are joined into the reward joiner's store; the learner stops, loses its
         * local state and starts again, restoring the store from its changelog; a second reward comes; the window
         * closes 20 s after the decision arrived with both rewards summed, and the step trains version 1.
         */
        @Test
        void anOpenRewardWindowSurvivesARestartThatLosesTheLocalState() throws Exception {
            try (Loop loop = new Loop(bootstrapServers())) {
                ModelSpec spec = TestModels.bandit(1).build();
                spec.getHyperparameters().setRewardWaitMs(20_000L);
                loop.declare(spec);
                loop.awaitPolicy(snapshot -> snapshot.getVersion() == 0L);
                Instant decided = Instant.now();
                loop.decide(Decision.newBuilder().setModelId(TestModels.BANDIT).setDecisionId("d1")
                        .setEpisodeId("episode-d1").setStepIndex(0).setObservation(List.of(1.0))
                        .setAction(new DiscreteAction(1)).setBehaviourLogProb(Math.log(0.5)).setPolicyVersion(0L)
                        .setEventTime(decided).setTerminated(true).setTruncated(false).setActorId("service")
                        .build());
                loop.reward(new Reward("d1", 1.0, decided.plusMillis(100), "click"));
                loop.awaitWindow("d1", window -> window.getDecision() != null && window.getRewards().size() == 1);

                loop.restartLosingTheLocalState();
                loop.reward(new Reward("d1", 2.0, decided.plusMillis(200), "purchase"));

                PolicySnapshot v1 = loop.awaitPolicy(snapshot -> snapshot.getVersion() == 1L);
                assertEquals(1L, v1.getEpisodesConsumed());
                List<Step> joined = TopicReader.readAll(loop.config.clientConfigs(), loop.config.stepsTopic(),
                        new StringDeserializer(), loop.config.avroSerde(Step.class).deserializer(),
                        Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
                assertEquals(1, joined.size());
                assertEquals(3.0, joined.get(0).getReward(), "both rewards, one before and one after the restart");
                assertEquals(0, loop.deadLettersNow().size(), "nothing dead-lettered");
            }
        }
    }

    /** One-step episode: sample an arm from the policy, reward 1 for arm 1 and 0 for arm 0. */
    private static Step actOnce(PolicySnapshot policy, String episodeId, Random rng) {
        double[] observation = {1.0};
        ActionDistribution distribution = policyOf(policy).distribution(
                Vectors.toArray(policy.getPolicyParameters()), observation);
        Action action = distribution.sample(rng);
        int arm = ((Action.Discrete) action).index();
        return TestModels.step(episodeId, 0, 1)
                .setAction(Actions.toAvro(action))
                .setReward(arm == 1 ? 1.0 : 0.0)
                .setBehaviourLogProb(distribution.logProb(action))
                .setPolicyVersion(policy.getVersion())
                .setEventTime(Instant.now())
                .build();
    }

    private static double probabilityOfArm(PolicySnapshot policy, int arm) {
        return Math.exp(policyOf(policy).logProb(Vectors.toArray(policy.getPolicyParameters()), new double[] {1.0},
                Action.discrete(arm)));
    }

    private static StochasticPolicy policyOf(PolicySnapshot snapshot) {
        return ModelSpecs.bind(snapshot.getSpec()).policy();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The application with its own id, topics and registry scope on the shared broker, and clients of it. */
    private static final class Loop implements AutoCloseable {

        private final String scope = "e2e-" + UUID.randomUUID();
        private final AppConfig config;
        private final Path stateDirectory;
        private final HttpEndpoint endpoint = HttpEndpoint.start("learner", 0);
        private KafkaStreams streams;
        private final KafkaProducer<String, byte[]> producer;
        private final TopicReader<String, PolicySnapshot> policies;
        private final ArrayDeque<PolicySnapshot> unreadPolicies = new ArrayDeque<>();
        private final TopicReader<byte[], byte[]> deadLetters;
        private final List<ConsumerRecord<byte[], byte[]>> deadLettersRead = new ArrayList<>();
        private final Map<String, Object> serdeConfigs;

        Loop(String bootstrapServers) throws Exception {
            stateDirectory = Files.createTempDirectory("policy-streams-e2e-");
            Map<String, Object> settings = new HashMap<>();
            settings.put(AppConfig.BOOTSTRAP_SERVERS, bootstrapServers);
            settings.put(AppConfig.APPLICATION_ID, scope);
            settings.put(AppConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
            for (String topic : List.of(AppConfig.STEPS_TOPIC, AppConfig.MODELS_TOPIC, AppConfig.POLICIES_TOPIC,
                    AppConfig.REPORTS_TOPIC, AppConfig.DEAD_LETTERS_TOPIC, AppConfig.DECISIONS_TOPIC,
                    AppConfig.REWARDS_TOPIC)) {
                settings.put(topic, scope + "-" + topic.replace(".topic", ""));
            }
            settings.put(AppConfig.STEPS_PARTITIONS, 2);
            settings.put(AppConfig.DECISIONS_PARTITIONS, 2);
            settings.put(AppConfig.LEARNER_PARTITIONS, 1);
            settings.put("state.dir", stateDirectory.toString());
            config = new AppConfig(settings);
            serdeConfigs = config.serdeConfigs();
            streams = start();

            Map<String, Object> producerConfigs = new HashMap<>(config.clientConfigs());
            producerConfigs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(producerConfigs, new StringSerializer(), new ByteArraySerializer());
            policies = new TopicReader<>(config.clientConfigs(), config.policiesTopic(), new StringDeserializer(),
                    new TolerantDeserializer<>(config.avroSerde(PolicySnapshot.class).deserializer()), "test-policies");
            deadLetters = new TopicReader<>(config.clientConfigs(), config.deadLettersTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), "test-dead-letters");
        }

        void declare(ModelSpec spec) {
            String topic = config.getString(AppConfig.MODELS_TOPIC);
            producer.send(new ProducerRecord<>(topic, spec.getModelId(),
                    AvroSerdes.forType(ModelSpec.class, serdeConfigs, false).serializer().serialize(topic, spec)));
        }

        void send(Step step) {
            String topic = config.getString(AppConfig.STEPS_TOPIC);
            sendRaw(step.getEpisodeId(),
                    AvroSerdes.forType(Step.class, serdeConfigs, false).serializer().serialize(topic, step));
        }

        void decide(Decision decision) {
            String topic = config.decisionsTopic();
            producer.send(new ProducerRecord<>(topic, decision.getDecisionId(),
                    AvroSerdes.forType(Decision.class, serdeConfigs, false).serializer().serialize(topic, decision)));
            producer.flush();
        }

        void reward(Reward reward) {
            String topic = config.rewardsTopic();
            producer.send(new ProducerRecord<>(topic, reward.getDecisionId(),
                    AvroSerdes.forType(Reward.class, serdeConfigs, false).serializer().serialize(topic, reward)));
            producer.flush();
        }

        /** Queries the reward joiner's store until the window of {@code decisionId} satisfies {@code wanted}. */
        void awaitWindow(String decisionId, Predicate<RewardWindow> wanted) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    RewardWindow window = streams.store(StoreQueryParameters.fromNameAndType(RewardJoiner.WINDOWS,
                            QueryableStoreTypes.<String, RewardWindow>keyValueStore())).get(decisionId);
                    if (window != null && wanted.test(window)) {
                        return;
                    }
                } catch (InvalidStateStoreException notYet) {
                    // the store is still restoring or migrating: ask again
                }
                policies.poll(Duration.ofMillis(100), record -> {
                    if (record.value() != null) {
                        unreadPolicies.add(record.value());
                    }
                });
            }
            throw new AssertionError("the window of " + decisionId + " never became as wanted within " + DEADLINE);
        }

        /** Closes the application, leaving its group, deletes all its local state, and starts it again. */
        void restartLosingTheLocalState() throws Exception {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            Utils.delete(stateDirectory.resolve(config.getString(AppConfig.APPLICATION_ID)).toFile());
            streams = start();
        }

        void sendRawPolicy(String key, byte[] value) {
            producer.send(new ProducerRecord<>(config.getString(AppConfig.POLICIES_TOPIC), key, value));
            producer.flush();
        }

        /**
         * Closes the application, leaving its group so the restart need not wait out the session, deletes its
         * global store, and starts it again: the store is restored from the policies topic, garbage included.
         */
        void restartRestoringTheGlobalStore() throws Exception {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            Utils.delete(stateDirectory.resolve(config.getString(AppConfig.APPLICATION_ID)).resolve("global")
                    .toFile());
            streams = start();
        }

        private KafkaStreams start() throws Exception {
            return PolicyStreamsApp.start(config, new LearnerMetrics(endpoint.registry()), (now, before) -> { });
        }

        /** The names of the samples on the learner's {@code /metrics}, Prometheus' text format, with their lines. */
        Map<String, List<String>> scrapeMetrics() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            Map<String, List<String>> samples = new HashMap<>();
            response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line ->
                    samples.computeIfAbsent(line.split("[{ ]", 2)[0], name -> new ArrayList<>()).add(line));
            return samples;
        }

        /** The dead letters that arrived so far, waiting a second for more. */
        List<ConsumerRecord<byte[], byte[]>> deadLettersNow() {
            deadLetters.poll(Duration.ofSeconds(1), deadLettersRead::add);
            return deadLettersRead;
        }

        void sendRaw(String key, byte[] value) {
            producer.send(new ProducerRecord<>(config.getString(AppConfig.STEPS_TOPIC), key, value));
            producer.flush();
        }

        /** Reads the policies topic until a snapshot satisfies {@code wanted}; fails at the deadline. */
        PolicySnapshot awaitPolicy(Predicate<PolicySnapshot> wanted) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                policies.poll(Duration.ofMillis(100), record -> {
                    if (record.value() != null) {
                        unreadPolicies.add(record.value());
                    }
                });
                while (!unreadPolicies.isEmpty()) {
                    PolicySnapshot snapshot = unreadPolicies.poll();
                    if (wanted.test(snapshot)) {
                        return snapshot;
                    }
                }
            }
            throw new AssertionError("no wanted policy on " + config.policiesTopic() + " within " + DEADLINE
                    + "; streams "
                    + streams.state());
        }

        List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(int count) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (deadLettersRead.size() < count && System.nanoTime() < deadline) {
                deadLetters.poll(Duration.ofMillis(100), deadLettersRead::add);
            }
            assertEquals(count, deadLettersRead.size(), "dead letters within " + DEADLINE);
            return deadLettersRead;
        }

        @Override
        public void close() throws Exception {
            producer.close();
            policies.close();
            deadLetters.close();
            streams.close(Duration.ofSeconds(30));
            endpoint.close();
            SchemaRegistries.dropScope(scope);
            Utils.delete(stateDirectory.toFile());
        }
    }
}
