package io.policystreams.deploy;

import static io.policystreams.deploy.Manifests.DEPLOY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.PolicyStreamsApp;
import io.policystreams.app.config.AppConfig;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.KafkaStepSink;
import io.policystreams.simulator.runtime.ModelDeclaration;
import io.policystreams.simulator.runtime.PolicyFollower;
import io.policystreams.simulator.runtime.RunSummary;
import io.policystreams.simulator.runtime.Simulator;
import io.policystreams.simulator.runtime.SimulatorSettings;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * deploy/'s security model on three brokers with a SASL_SSL listener (TLS from a test CA made with keytool,
 * SCRAM-SHA-512 logins) and Kafka's StandardAuthorizer: an administrator runs {@code deploy/security/acls.sh}
 * with the real {@code kafka-acls.sh} class; it grants what {@code kubernetes/users.yaml} grants; the operator,
 * the learner and an actor each do their job with their settings file of {@code deploy/}, the password filled in
 * (or, for the actor, given as {@code POLICY_STREAMS_SASL_JAAS_CONFIG}, as on Kubernetes); and the actor cannot
 * publish policies, declare models, read dead letters or join the learner's group, each refused at once with an
 * authorization error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterTest {

    private static final String PASSWORD = "policy-streams-test";
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(30);
    private static final List<String> PRINCIPALS = List.of("policy-streams-learner", "policy-streams-actor",
            "policy-streams-operator");
    private static final String MODEL = Environments.BANDIT;

    private final String registry = "mock://secured-" + UUID.randomUUID();
    private Path directory;
    private EmbeddedKafka.SecureListener tls;
    private EmbeddedKafka kafka;
    private String aclOutput;

    @BeforeAll
    void startTheClusterAndGrantTheAcls() throws Exception {
        directory = Files.createTempDirectory("policy-streams-secured-");
        tls = EmbeddedKafka.SecureListener.generate(directory, PASSWORD);
        kafka = EmbeddedKafka.builder().brokers(3).secureListener(tls).superUser("admin").start();
        kafka.createScramUser("admin", password("admin"));
        for (String principal : PRINCIPALS) {
            kafka.createScramUser(principal, password(principal));
        }
        aclOutput = runAclsScript();
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        SchemaRegistries.dropScope(registry.substring("mock://".length()));
        Utils.delete(directory.toFile());
    }

    @Test
    @Order(1)
    void theScriptGrantsWhatTheKafkaUsersGrant() throws Exception {
        Map<String, Set<String>> granted = new TreeMap<>();
        try (Admin admin = kafka.admin()) {
            for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                granted.computeIfAbsent(binding.entry().principal(), principal -> new TreeSet<>())
                        .add(binding.pattern().resourceType() + ":" + binding.pattern().patternType() + ":"
                                + binding.pattern().name() + ":" + binding.entry().operation());
            }
        }
        Map<String, Set<String>> declared = new TreeMap<>();
        for (KafkaUser user : Manifests.ofType(Manifests.resources(), KafkaUser.class)) {
            declared.put("User:" + user.getMetadata().getName(), Manifests.acls(user));
        }
        assertEquals(declared, granted, aclOutput);
    }

    @Test
    @Order(2)
    void eachPrincipalDoesItsJobWithItsOwnSettings() throws Exception {
        Map<String, Object> learnerSettings = settings("policy-streams.properties", "policy-streams-learner",
                Map.of("state.dir", directory.resolve("state").toString()));
        KafkaStreams learner = PolicyStreamsApp.start(new AppConfig(learnerSettings));
        try {
            ClientConfig operator = new ClientConfig(settings("security/operator.properties",
                    "policy-streams-operator", Map.of()));
            ModelDeclaration.publish(operator, DefaultModels.forEnvironment(MODEL, MODEL, 1));
            awaitVersion(operator, 0);
            ClientConfig actor = new ClientConfig(actorSettings());
            RunSummary acted;
            try (PolicyFollower policies = new PolicyFollower(actor, MODEL);
                 KafkaStepSink steps = new KafkaStepSink(actor)) {
                acted = new Simulator(new SimulatorSettings(MODEL, "secured-actor", 4, 1L, 96, 0, Double.NaN,
                        SimulatorSettings.DEFAULT_RETURN_WINDOW, 32, Duration.ofMinutes(1)),
                        Environments.named(MODEL), policies, steps, (e, s, r, l, v, m) -> { }).run();
            }
            assertTrue(acted.episodes() >= 96, acted.episodes() + " episodes");
            PolicySnapshot trained = awaitVersion(operator, 3);
            assertEquals(96, trained.getEpisodesConsumed());

            List<Step> published = read(operator, operator.stepsTopic(), Step.class);
            assertEquals(acted.steps(), published.size());
            assertTrue(published.stream().anyMatch(step -> step.getPolicyVersion() > 0),
                    "the actor followed the learner's later versions");
            assertEquals(3, read(operator, operator.reportsTopic(), TrainingReport.class).size());
            assertEquals(0, TopicReader.readAll(operator.clientConfigs(), operator.deadLettersTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30)).size());
        } finally {
            PolicyStreamsApp.stop(learner);
        }
    }

    @Test
    @Order(3)
    void theActorCannotPublishPoliciesDeclareModelsReadDeadLettersOrJoinTheLearnersGroup() {
        ClientConfig actor = new ClientConfig(actorSettings());
        assertRefused(TopicAuthorizationException.class, () -> produce(actor, actor.policiesTopic()));
        assertRefused(TopicAuthorizationException.class, () -> produce(actor, actor.modelsTopic()));
        assertRefused(TopicAuthorizationException.class, () -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(actor.clientConfigs(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition(actor.deadLettersTopic(), 0)));
                consumer.poll(REFUSED_WITHIN);
            }
        });
        assertRefused(GroupAuthorizationException.class, () -> {
            Map<String, Object> member = new HashMap<>(actor.clientConfigs());
            member.put("group.id", "policy-streams");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(member, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(actor.stepsTopic()));
                consumer.poll(REFUSED_WITHIN);
            }
        });
    }

    /** {@code failure} thrown (or as the cause) well before the deadline: refused, not hanging. */
    private static void assertRefused(Class<? extends Exception> failure, Executable attempt) {
        Throwable thrown = assertTimeoutPreemptively(REFUSED_WITHIN.plusSeconds(5),
                () -> assertThrows(Exception.class, attempt));
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertInstanceOf(failure, cause, thrown.toString());
    }

    private static void produce(ClientConfig config, String topic) throws Exception {
        Map<String, Object> configs = new HashMap<>(config.clientConfigs());
        configs.put("max.block.ms", (int) REFUSED_WITHIN.toMillis());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "bandit".getBytes(StandardCharsets.UTF_8), new byte[] {0}))
                    .get(REFUSED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The settings a program of {@code principal} runs with: deploy/'s {@code file}, its CHANGE-ME password filled
     * in as an operator would, the trust store given by environment variables (as on Kubernetes), and this test's
     * cluster and registry.
     */
    private Map<String, Object> settings(String file, String principal, Map<String, Object> more) throws IOException {
        Path filled = directory.resolve(Path.of(file).getFileName());
        Files.writeString(filled, Files.readString(DEPLOY.resolve(file))
                .replace("password=\"CHANGE-ME\"", "password=\"" + password(principal) + "\""));
        return settingsOf(filled, more);
    }

    /**
     * The actor's settings: deploy/security/actor.properties unchanged, with its login given as
     * {@code POLICY_STREAMS_SASL_JAAS_CONFIG}, the value of the Secret that Strimzi's User Operator writes.
     */
    private Map<String, Object> actorSettings() {
        Map<String, String> environment = new HashMap<>(trustStoreEnvironment());
        environment.put("POLICY_STREAMS_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"policy-streams-actor\" password=\"" + password("policy-streams-actor") + "\";");
        return ClientConfig.settings(DEPLOY.resolve("security/actor.properties"), environment, flags(Map.of()));
    }

    private Map<String, Object> settingsOf(Path file, Map<String, Object> more) {
        return ClientConfig.settings(file, trustStoreEnvironment(), flags(more));
    }

    private Map<String, String> trustStoreEnvironment() {
        return Map.of("POLICY_STREAMS_SSL_TRUSTSTORE_LOCATION", tls.trustStore().toString(),
                "POLICY_STREAMS_SSL_TRUSTSTORE_PASSWORD", tls.password());
    }

    private Map<String, Object> flags(Map<String, Object> more) {
        Map<String, Object> flags = new HashMap<>(more);
        flags.put(ClientConfig.BOOTSTRAP_SERVERS, kafka.secureBootstrapServers());
        flags.put(ClientConfig.SCHEMA_REGISTRY_URL, registry);
        return flags;
    }

    private static String password(String user) {
        return user + "-secret";
    }

    /**
     * Runs deploy/security/acls.sh as an administrator would: bash, with {@code kafka-acls.sh} on the PATH (here
     * a two-line script that runs Kafka's AclCommand, as the distribution's does) and the administrator's settings
     * (deploy/security/admin.properties, filled in). Returns what it printed.
     */
    private String runAclsScript() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path kafkaAcls = bin.resolve("kafka-acls.sh");
        Files.writeString(kafkaAcls, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' org.apache.kafka.tools.AclCommand \"$@\"\n");
        assertTrue(kafkaAcls.toFile().setExecutable(true));
        Path admin = directory.resolve("admin.properties");
        Files.writeString(admin, Files.readString(DEPLOY.resolve("security/admin.properties"))
                .replace("password=\"CHANGE-ME\"", "password=\"" + password("admin") + "\"")
                .replace("ssl.truststore.password=CHANGE-ME", "ssl.truststore.password=" + tls.password())
                .replace("/etc/policy-streams/tls/ca.p12", tls.trustStore().toString()));
        ProcessBuilder script = new ProcessBuilder("bash", DEPLOY.resolve("security/acls.sh").toString())
                .redirectErrorStream(true);
        script.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        script.environment().put("BOOTSTRAP_SERVER", kafka.secureBootstrapServers());
        script.environment().put("ADMIN_CONFIG", admin.toString());
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** Reads the policies topic, as the operator, until the model has {@code version}; that snapshot. */
    private PolicySnapshot awaitVersion(ClientConfig operator, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (PolicySnapshot snapshot : read(operator, operator.policiesTopic(), PolicySnapshot.class)) {
                if (snapshot.getModelId().equals(MODEL) && snapshot.getVersion() == version) {
                    return snapshot;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no version " + version + " of " + MODEL + " within 90 s");
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(ClientConfig config,
                                                                                    String topic, Class<T> type) {
        return TopicReader.readAll(config.clientConfigs(), topic, new StringDeserializer(),
                config.avroSerde(type).deserializer(), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).toList();
    }
}
