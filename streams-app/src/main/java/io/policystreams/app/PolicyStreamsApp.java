package io.policystreams.app;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.errors.FaultResponse;
import io.policystreams.app.topic.TopicProvisioner;
import io.policystreams.app.topic.Topics;
import io.policystreams.app.topology.LearningTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the learner against any Kafka cluster:
 * {@code java -jar policy-streams-app.jar [--config app.properties] [--bootstrap-servers host:9092]
 * [--set key=value ...]}. It creates missing topics, starts the topology, waits until it is RUNNING and
 * closes cleanly on SIGTERM (the JVM's exit status 143). A fatal fault ends the process with status 1, for a
 * supervisor to restart it; so does a start that does not reach RUNNING. Local state is never wiped: the stores hold episodes
 * and learner state.
 */
public final class PolicyStreamsApp {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStreamsApp.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private PolicyStreamsApp() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(AppConfig.load(configFile(args), System.getenv(), overrides(args)));
        } catch (Exception e) {
            LOG.error("the learner could not start: {}", e.getMessage(), e);
            status = 1;
        }
        System.exit(status);
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
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "policy-streams-shutdown"));
        stopped.await();
        if (exitCode.get() != 0) {
            LOG.error("the learner stopped on a fault (state {}); exiting with status 1", streams.state());
            streams.close(Duration.ofSeconds(30));
        }
        return exitCode.get();
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

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static Map<String, String> overrides(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> i++;
                case "--bootstrap-servers" -> overrides.put(AppConfig.BOOTSTRAP_SERVERS, argument(args, ++i));
                case "--set" -> {
                    String setting = argument(args, ++i);
                    int equals = setting.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--set takes key=value, got " + setting);
                    }
                    overrides.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--config FILE] [--bootstrap-servers HOST:PORT] [--set KEY=VALUE ...]");
            }
        }
        return overrides;
    }

    private static String argument(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
