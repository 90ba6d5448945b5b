package io.policystreams.app;

import io.policystreams.app.config.AppConfig;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.policystreams.app.errors.FaultResponse;
import io.policystreams.app.metrics.DeadLetterMetrics;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.app.topic.TopicProvisioner;
import io.policystreams.app.topic.Topics;
import io.policystreams.app.topology.LearningTopology;
import io.policystreams.app.upgrade.ApplicationUpgrade;
import io.policystreams.client.ClientOptions;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.dashboard.Dashboard;
import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the learner against any Kafka cluster: {@code policy-streams app [--config app.properties]
 * [--bootstrap-servers host:9092] [--set key=value ...]} (every program's options, {@link ClientOptions}), or
 * {@code java -jar policy-streams-app.jar} with the same options. It creates missing topics, starts the
 * topology, waits until it is RUNNING and closes cleanly on SIGTERM (the JVM's exit status 143). A fatal fault ends the process with status 1, for a
 * supervisor to restart it; so does a start that does not reach RUNNING. Local state is never wiped: the stores hold episodes
 * and learner state.
 */
public final class PolicyStreamsApp {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStreamsApp.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final String FROM_APPLICATION_ID = "--from-application-id";

    private PolicyStreamsApp() {
    }

    /** {@code app}: the learner, and its {@code upgrade} command. */
    public static Program program() {
        return Program.command("app", "Runs the learner: creates missing topics, trains every declared model, and "
                + "publishes its policies, until SIGTERM.", ClientOptions.OPTIONS, PolicyStreamsApp::learn).with(
                Program.command("upgrade", "Moves the stopped application OLD's state to the application these "
                        + "settings describe (deploy/README.md), and prints what it moved.",
                        ClientOptions.plus(List.of(Option.value(FROM_APPLICATION_ID, "OLD", "the stopped "
                                + "application whose state moves (required)"))), PolicyStreamsApp::upgrade));
    }

    public static void main(String[] args) {
        program().main(args);
    }

    private static int learn(Arguments arguments) {
        try {
            return run(config(arguments));
        } catch (IllegalArgumentException | ConfigException e) {
            LOG.error("the learner could not start: {}", e.getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("the learner could not start: {}", e.getMessage(), e);
            return 1;
        }
    }

    /**
     * {@code upgrade --from-application-id OLD [--config FILE] [--bootstrap-servers ...] [--set ...]}: moves the
     * stopped application OLD's state to the application that the settings describe ({@link ApplicationUpgrade});
     * prints what it moved. Status 0 when done, 1 when refused or failed, with the reason.
     */
    static int upgrade(Arguments arguments) {
        try {
            String from = arguments.require(FROM_APPLICATION_ID);
            AppConfig config = config(arguments);
            ApplicationUpgrade.Report report = new ApplicationUpgrade(config, from).run();
            System.out.println("moved application " + from + "'s state to " + config.getString(AppConfig.APPLICATION_ID)
                    + "; start the learner with these settings, and never start " + from + " again\n\n"
                    + "| topic | kind | old partitions | new partitions | moved |\n| --- | --- | --- | --- | --- |\n"
                    + String.join("\n", report.rows()));
            return 0;
        } catch (IllegalArgumentException | ConfigException | ApplicationUpgrade.Refused e) {
            LOG.error("no upgrade: {}", e.getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("the upgrade failed: {} (the old application's topics and offsets are never changed; if the "
                    + "new application's topics were created, delete them before trying again)", e.getMessage(), e);
            return 1;
        }
    }

    /**
     * Runs the learner until SIGTERM or a fatal fault (status 1): a client that shuts down or fails
     * ({@link FaultResponse}, the global thread's death, ERROR) ends the process, so a supervisor restarts it.
     */
    static int run(AppConfig config) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean terminating = new AtomicBoolean();
        AtomicInteger exitCode = new AtomicInteger();
        HttpEndpoint endpoint = HttpEndpoint.start("learner", config.httpPort());
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
        endpoint.route(Readiness.PATH, new Readiness(state::get));
        Dashboard dashboard = Dashboard.serve(config, endpoint);
        KafkaStreams streams = start(config, new LearnerMetrics(endpoint.registry()), (now, before) -> {
            state.set(now);
            if (!terminating.get() && isStopping(now)) {
                exitCode.set(1);
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminating.set(true);
            stop(streams);
            dashboard.close();
            endpoint.close();
            stopped.countDown();
        }, "policy-streams-shutdown"));
        stopped.await();
        if (exitCode.get() != 0) {
            LOG.error("the learner stopped on a fault (state {}); exiting with status 1", streams.state());
            streams.close(Duration.ofSeconds(30));
        }
        return exitCode.get();
    }

    /**
     * Closes the learner and leaves its consumer group at once, so that other instances take over its tasks, and an
     * upgrade can start, without waiting for its session to time out.
     */
    public static void stop(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    private static boolean isStopping(KafkaStreams.State state) {
        return state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.NOT_RUNNING;
    }

    /**
     * Creates missing topics (if configured), starts the topology and returns once it is RUNNING; its metrics go
     * to a registry of their own, for a caller that does not serve them.
     */
    public static KafkaStreams start(AppConfig config) throws Exception {
        return start(config, new LearnerMetrics(new SimpleMeterRegistry()), (now, before) -> { });
    }

    /**
     * Creates missing topics (if configured), starts the topology with {@link FaultResponse} and
     * {@code onStateChange} and returns once it is RUNNING; throws if it stops or fails first, or takes longer
     * than two minutes. The learner's metrics, its dead letters' and Kafka Streams' own go to {@code metrics}.
     */
    public static KafkaStreams start(AppConfig config, LearnerMetrics metrics,
                                     KafkaStreams.StateListener onStateChange) throws Exception {
        boolean createTopics = config.getBoolean(AppConfig.CREATE_TOPICS);
        if (createTopics) {
            TopicProvisioner.createMissing(config.clientConfigs(), Topics.from(config).newTopics(config));
        }
        TopicProvisioner.ensureMaxMessageBytes(config.clientConfigs(), config.getString(AppConfig.POLICIES_TOPIC),
                config.policyRecordBytes(), createTopics);
        TopicProvisioner.requireCoPartitioned(config.clientConfigs(), config.decisionsTopic(), config.rewardsTopic());
        Topology topology = LearningTopology.build(config, metrics);
        LOG.debug("topology:\n{}", topology.describe());
        Properties properties = config.streamsProperties();
        DeadLetterMetrics.install(properties, metrics.registry(), config.deadLettersTopic());
        KafkaStreams streams = new KafkaStreams(topology, properties);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        streams.setUncaughtExceptionHandler(new FaultResponse());
        streams.setGlobalStateRestoreListener(new RestoreLog());
        CountDownLatch runningOrStopping = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> settledIn = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if ((now == KafkaStreams.State.RUNNING || isStopping(now)) && settledIn.compareAndSet(null, now)) {
                runningOrStopping.countDown();
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                streamsMetrics.close();
            }
            onStateChange.onChange(now, before);
        });
        streams.start();
        runningOrStopping.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (settledIn.get() != KafkaStreams.State.RUNNING) {
            streams.close(Duration.ofSeconds(10));
            throw new IllegalStateException("the streams application did not reach RUNNING"
                    + (settledIn.get() == null ? " within " + STARTUP_TIMEOUT : "; it went " + settledIn.get()));
        }
        return streams;
    }

    private static AppConfig config(Arguments arguments) {
        return new AppConfig(ClientOptions.settings(arguments, System.getenv()));
    }
}
