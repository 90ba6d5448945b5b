package io.policystreams.app;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.errors.FaultResponse;
import io.policystreams.app.topic.TopicProvisioner;
import io.policystreams.app.topic.Topics;
import io.policystreams.app.topology.LearningTopology;
import io.policystreams.app.upgrade.ApplicationUpgrade;
import io.policystreams.client.ClientOptions;
import io.policystreams.commandline.Arguments;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
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
 * Runs the learner against any Kafka cluster:
 * {@code java -jar policy-streams-app.jar [--config app.properties] [--bootstrap-servers host:9092]
 * [--set key=value ...]} (every program's flags, {@link ClientOptions}). It creates missing topics, starts the
 * topology, waits until it is RUNNING and closes cleanly on SIGTERM (the JVM's exit status 143). A fatal fault ends the process with status 1, for a
 * supervisor to restart it; so does a start that does not reach RUNNING. Local state is never wiped: the stores hold episodes
 * and learner state.
 */
public final class PolicyStreamsApp {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStreamsApp.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final String FROM_APPLICATION_ID = "--from-application-id";
    static final String USAGE = """
            usage: java -jar policy-streams-app.jar [options]
                   java -jar policy-streams-app.jar upgrade --from-application-id OLD [options]
            """ + ClientOptions.USAGE;

    private PolicyStreamsApp() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        System.exit(args.length > 0 && args[0].equals("upgrade") ? upgrade(Arrays.copyOfRange(args, 1, args.length))
                : learn(args));
    }

    private static int learn(String[] args) {
        try {
            return run(config(new Arguments(args, ClientOptions.plus(), Set.of(), USAGE)));
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
    static int upgrade(String[] args) {
        try {
            Arguments arguments = new Arguments(args, ClientOptions.plus(FROM_APPLICATION_ID), Set.of(), USAGE);
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
        KafkaStreams streams = start(config, (now, before) -> {
            if (!terminating.get() && isStopping(now)) {
                exitCode.set(1);
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminating.set(true);
            stop(streams);
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

    /** Creates missing topics (if configured), starts the topology and returns once it is RUNNING. */
    public static KafkaStreams start(AppConfig config) throws Exception {
        return start(config, (now, before) -> { });
    }

    /**
     * Creates missing topics (if configured), starts the topology with {@link FaultResponse} and
     * {@code onStateChange} and returns once it is RUNNING; throws if it stops or fails first, or takes longer
     * than two minutes.
     */
    public static KafkaStreams start(AppConfig config, KafkaStreams.StateListener onStateChange) throws Exception {
        boolean createTopics = config.getBoolean(AppConfig.CREATE_TOPICS);
        if (createTopics) {
            TopicProvisioner.createMissing(config.clientConfigs(), Topics.from(config).newTopics(config));
        }
        TopicProvisioner.ensureMaxMessageBytes(config.clientConfigs(), config.getString(AppConfig.POLICIES_TOPIC),
                config.policyRecordBytes(), createTopics);
        Topology topology = LearningTopology.build(config);
        LOG.debug("topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        streams.setUncaughtExceptionHandler(new FaultResponse());
        streams.setGlobalStateRestoreListener(new RestoreLog());
        CountDownLatch runningOrStopping = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> settledIn = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if ((now == KafkaStreams.State.RUNNING || isStopping(now)) && settledIn.compareAndSet(null, now)) {
                runningOrStopping.countDown();
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
