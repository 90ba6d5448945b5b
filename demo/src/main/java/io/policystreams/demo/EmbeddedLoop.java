package io.policystreams.demo;

import io.policystreams.app.PolicyStreamsApp;
import io.policystreams.app.config.AppConfig;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.dashboard.Dashboard;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.runtime.ActorMetrics;
import io.policystreams.simulator.runtime.EpisodeListener;
import io.policystreams.simulator.runtime.KafkaStepSink;
import io.policystreams.simulator.runtime.ModelDeclaration;
import io.policystreams.simulator.runtime.PolicyFollower;
import io.policystreams.simulator.runtime.RunSummary;
import io.policystreams.simulator.runtime.Simulator;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole loop in one process, as the demos run it: an embedded single-node Kafka (KRaft), the learner (the
 * streams application, unchanged) and, per {@link #train}, a model declared on the models topic and a simulator
 * acting from its latest policy.
 */
final class EmbeddedLoop implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final AppConfig config;
    private final HttpEndpoint endpoint;
    private final Dashboard dashboard;
    private final KafkaStreams learner;
    private final Path stateDirectory;
    private final String registryScope;

    private EmbeddedLoop(EmbeddedKafka kafka, AppConfig config, HttpEndpoint endpoint, Dashboard dashboard,
                         KafkaStreams learner, Path stateDirectory, String registryScope) {
        this.kafka = kafka;
        this.config = config;
        this.endpoint = endpoint;
        this.dashboard = dashboard;
        this.learner = learner;
        this.stateDirectory = stateDirectory;
        this.registryScope = registryScope;
    }

    /**
     * Starts the broker and the learner, whose local state lives in {@code results} (its {@code .state-*} folder
     * is deleted on close): not in the OS temp directory, which the OS may clear under a running learner. The
     * dashboard and the learner's and the simulator's metrics are served on {@code httpPort} (0: a free port;
     * -1: none).
     */
    static EmbeddedLoop start(PrintStream out, Path results, int httpPort) throws Exception {
        Files.createDirectories(results);
        Path stateDirectory = Files.createTempDirectory(results.toAbsolutePath(), ".state-");
        String registryScope = "demo-" + System.nanoTime();
        out.println("Starting an embedded Kafka broker (KRaft, one node) ...");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        HttpEndpoint endpoint = null;
        Dashboard dashboard = null;
        try {
            AppConfig config = learnerConfig(kafka.bootstrapServers(), registryScope, stateDirectory);
            endpoint = HttpEndpoint.start("demo", httpPort);
            dashboard = Dashboard.serve(config, endpoint);
            out.println("Starting the learner (Kafka Streams, exactly-once) ...");
            KafkaStreams learner = PolicyStreamsApp.start(config, new LearnerMetrics(endpoint.registry()),
                    (now, before) -> { });
            if (endpoint.url() != null) {
                out.println("Dashboard: " + endpoint.url() + "/   metrics: " + endpoint.url() + "/metrics");
            }
            return new EmbeddedLoop(kafka, config, endpoint, dashboard, learner, stateDirectory, registryScope);
        } catch (Exception e) {
            if (dashboard != null) {
                dashboard.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** The learner's settings: the embedded cluster, its registry scope and topics. */
    AppConfig config() {
        return config;
    }

    /** Where the dashboard and the metrics are served; null when they are not. */
    String url() {
        return endpoint.url();
    }

    /** What a simulator run gave: its summary, and the model's latest policy once the simulator had stopped. */
    record Training(RunSummary summary, PolicySnapshot latestPolicy) {
    }

    /** Declares the model, then runs a simulator of {@code environments} for it until its stopping rule holds. */
    Training train(ModelSpec spec, Supplier<Environment> environments, SimulatorSettings simulator,
                   EpisodeListener listener) {
        ModelDeclaration.publish(config, spec);
        try (PolicyFollower policies = new PolicyFollower(config, spec.getModelId().toString());
             KafkaStepSink steps = new KafkaStepSink(config).meteredBy(endpoint.registry())) {
            RunSummary summary = new Simulator(simulator, environments, policies, steps,
                    listener.andThen(new ActorMetrics(endpoint.registry(), spec.getModelId().toString()))).run();
            return new Training(summary, policies.latest());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            learner.close(Duration.ofSeconds(30));
            dashboard.close();
            endpoint.close();
        } finally {
            SchemaRegistries.dropScope(registryScope);
            Utils.delete(stateDirectory.toFile());
            kafka.close();
        }
    }

    /** The learner's settings for one process on an embedded broker: one partition each, quick commits. */
    private static AppConfig learnerConfig(String bootstrapServers, String registryScope, Path stateDirectory) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AppConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(AppConfig.APPLICATION_ID, "policy-streams-demo");
        settings.put(AppConfig.SCHEMA_REGISTRY_URL, "mock://" + registryScope);
        settings.put(AppConfig.STEPS_PARTITIONS, 1);
        settings.put(AppConfig.DECISIONS_PARTITIONS, 1);
        settings.put(AppConfig.LEARNER_PARTITIONS, 1);
        settings.put("state.dir", stateDirectory.toString());
        // Each policy version crosses two transactions (steps → episodes → policy); short commits keep that quick.
        settings.put("commit.interval.ms", 10);
        return new AppConfig(settings);
    }
}
