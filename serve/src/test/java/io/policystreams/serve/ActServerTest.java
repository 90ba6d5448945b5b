package io.policystreams.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.learning.LearnerStates;
import io.policystreams.learning.TestModels;
import io.policystreams.policy.distribution.Action;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.registry.SchemaRegistries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The act endpoint over HTTP, following a policies topic on the embedded broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedKafka kafka;
    private ClientConfig config;
    private ActServer server;
    private ActServer logging;
    private PolicySnapshot bandit;

    @BeforeAll
    void start() throws Exception {
        kafka = EmbeddedKafka.start();
        config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ClientConfig.SCHEMA_REGISTRY_URL, "mock://act-server"));
        try (Admin admin = Admin.create(config.clientConfigs())) {
            admin.createTopics(List.of(new NewTopic(config.policiesTopic(), 1, (short) 1),
                    new NewTopic(config.decisionsTopic(), 1, (short) 1),
                    new NewTopic(config.rewardsTopic(), 1, (short) 1))).all().get();
        }
        bandit = snapshot(TestModels.bandit(1).build(), 0);
        publish(bandit);
        server = ActServer.start(config, "127.0.0.1", 0, new SimpleMeterRegistry());
        logging = ActServer.start(config, "127.0.0.1", 0, new SimpleMeterRegistry(), true);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        logging.close();
        kafka.close();
        SchemaRegistries.dropScope("act-server");
    }

    @Test
    void anActionComesWithItsLogProbabilityUnderThePolicyAndTheVersion() throws Exception {
        JsonNode decision = post("/v1/models/bandit/act", "{\"observation\": [1.0]}", 200);
        int arm = decision.get("action").asInt();
        double expected = ModelSpecs.policy(bandit.getSpec()).logProb(Vectors.toArray(bandit.getPolicyParameters()),
                new double[] {1.0}, Action.discrete(arm));
        assertEquals(expected, decision.get("logProb").asDouble(), 1e-12);
        assertEquals(0L, decision.get("policyVersion").asLong());
        assertEquals("bandit", decision.get("modelId").asText());

        JsonNode masked = post("/v1/models/bandit/act", "{\"observation\": [1.0], \"mask\": [false, true]}", 200);
        assertEquals(1, masked.get("action").asInt());
        assertEquals(0.0, masked.get("logProb").asDouble(), 1e-12, "the only allowed action is certain");
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        assertEquals("the observation has 2 entries; model bandit takes 1",
                post("/v1/models/bandit/act", "{\"observation\": [1.0, 2.0]}", 400).get("error").asText());
        assertEquals("the mask allows no action",
                post("/v1/models/bandit/act", "{\"observation\": [1.0], \"mask\": [false, false]}", 400)
                        .get("error").asText());
        assertEquals("the mask has 3 entries; model bandit has 2 actions",
                post("/v1/models/bandit/act", "{\"observation\": [1.0], \"mask\": [true, true, true]}", 400)
                        .get("error").asText());
        assertTrue(post("/v1/models/bandit/act", "{\"observation\": [1.0", 400).get("error").asText()
                .startsWith("the body is not an act request"));
        assertEquals("the body needs an observation: {\"observation\": [...]}",
                post("/v1/models/bandit/act", "{}", 400).get("error").asText());
        assertEquals("model nobody has no published policy",
                post("/v1/models/nobody/act", "{\"observation\": [1.0]}", 404).get("error").asText());
        assertEquals(404, get("/v1/models/nobody").statusCode());
    }

    /**
     * With --log-decisions, each decision served is on the decisions topic under the id the answer gives, as the
     * policy chose it, and the rewards reported for it are on the rewards topic, for the learner's reward joiner.
     */
    @Test
    void loggedDecisionsAndTheirRewardsReachTheirTopics() throws Exception {
        JsonNode answer = post(logging, "/v1/models/bandit/act", "{\"observation\": [1.0], \"actorId\": \"shop\"}",
                200);
        String decisionId = answer.get("decisionId").asText();
        post(logging, "/v1/models/bandit/act", "{\"observation\": [1.0], \"decisionId\": \"mine-1\"}", 200);
        JsonNode accepted = post(logging, "/v1/rewards", "{\"decisionId\": \"" + decisionId
                + "\", \"value\": 1.5, \"source\": \"click\"}", 202);
        assertEquals(decisionId, accepted.get("decisionId").asText());

        List<Decision> logged = TopicReader.readAll(config.clientConfigs(), config.decisionsTopic(),
                new StringDeserializer(), config.avroSerde(Decision.class).deserializer(), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
        assertEquals(List.of(decisionId, "mine-1"), logged.stream().map(Decision::getDecisionId).toList());
        Decision first = logged.get(0);
        assertEquals("shop", first.getActorId());
        assertEquals(decisionId, first.getEpisodeId());
        assertTrue(first.getTerminated());
        assertEquals(answer.get("action").asInt(), ((DiscreteAction) first.getAction()).getIndex());
        assertEquals(answer.get("logProb").asDouble(), first.getBehaviourLogProb(), 0.0);
        List<Reward> rewards = TopicReader.readAll(config.clientConfigs(), config.rewardsTopic(),
                new StringDeserializer(), config.avroSerde(Reward.class).deserializer(), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
        assertEquals(1, rewards.size());
        assertEquals(1.5, rewards.get(0).getValue());
        assertEquals("click", rewards.get(0).getSource());

        assertEquals("a reward needs a decisionId and a value: {\"decisionId\": \"...\", \"value\": 1.0}",
                post(logging, "/v1/rewards", "{\"value\": 1.0}", 400).get("error").asText());
        assertEquals("decisionId must not be empty",
                post(logging, "/v1/rewards", "{\"decisionId\": \"\", \"value\": 1.0}", 400).get("error").asText());
        assertTrue(post(server, "/v1/rewards", "{\"decisionId\": \"x\", \"value\": 1.0}", 404).get("error")
                .asText().contains("--log-decisions"));
        assertTrue(answer.has("decisionId") && !post("/v1/models/bandit/act", "{\"observation\": [1.0]}", 200)
                .has("decisionId"), "only a logging server gives decision ids");
    }

    @Test
    void aNewVersionIsServedOnceItIsPublished() throws Exception {
        ModelSpec spec = TestModels.bandit(1).setModelId("swapped").build();
        publish(snapshot(spec, 0));
        awaitVersion("swapped", 0);
        publish(snapshot(spec, 3));
        awaitVersion("swapped", 3);
        assertEquals(3L, post("/v1/models/swapped/act", "{\"observation\": [0.5]}", 200).get("policyVersion")
                .asLong());
        JsonNode model = JSON.readTree(get("/v1/models/swapped").body());
        assertEquals("swapped", model.get("spec").get("modelId").asText());
    }

    @Test
    void theOpenApiDescriptionNamesEveryRoute() throws Exception {
        String api = get("/openapi.yaml").body();
        List<String> missing = new ArrayList<>();
        for (String route : List.of("/v1/models:", "/v1/models/{id}:", "/v1/models/{id}/act:", "/v1/rewards:")) {
            if (!api.contains(route)) {
                missing.add(route);
            }
        }
        assertEquals(List.of(), missing);
    }

    private void awaitVersion(String modelId, long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get("/v1/models/" + modelId);
            if (answer.statusCode() == 200 && JSON.readTree(answer.body()).get("version").asLong() == version) {
                return;
            }
        }
        throw new AssertionError(modelId + " version " + version + " was not served within 30 s");
    }

    private static PolicySnapshot snapshot(ModelSpec spec, long version) {
        LearnerState state = LearnerState.newBuilder(LearnerStates.initial(ModelSpecs.bind(spec), 0L))
                .setVersion(version).build();
        return LearnerStates.snapshot(spec.getModelId(), state, 1_000L * (version + 1));
    }

    private void publish(PolicySnapshot snapshot) throws Exception {
        try (KafkaProducer<String, PolicySnapshot> producer = new KafkaProducer<>(config.clientConfigs(),
                new StringSerializer(), config.avroSerde(PolicySnapshot.class).serializer())) {
            producer.send(new ProducerRecord<>(config.policiesTopic(), snapshot.getModelId(), snapshot)).get();
        }
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        return post(server, path, body, status);
    }

    private JsonNode post(ActServer to, String path, String body, int status) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port()
                        + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
