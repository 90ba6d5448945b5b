package io.policystreams.app;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.topic.TopicProvisioner;
import io.policystreams.app.topic.Topics;
import io.policystreams.app.topology.LearningTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the learner against any Kafka cluster:
 * {@code java -jar policy-streams-app.jar [--config app.properties] [--bootstrap-servers host:9092]
 * [--set key=value ...]}. It creates missing topics, starts the topology, waits until it is RUNNING and
 * closes cleanly on SIGTERM. Local state is never wiped: the stores hold episodes and learner state.
 */
public final class PolicyStreamsApp {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStreamsApp.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private PolicyStreamsApp() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.load(configFile(args), System.getenv(), overrides(args));
        KafkaStreams streams = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "policy-streams-shutdown"));
        stopped.await();
    }

    /** Creates missing topics (if configured), starts the topology and returns once it is RUNNING. */
    public static KafkaStreams start(AppConfig config) throws Exception {
        boolean createTopics = config.getBoolean(AppConfig.CREATE_TOPICS);
        if (createTopics) {
            TopicProvisioner.createMissing(config.clientConfigs(), Topics.from(config).newTopics(config));
        }
        TopicProvisioner.ensureMaxMessageBytes(config.clientConfigs(), config.getString(AppConfig.POLICIES_TOPIC),
                config.policyRecordBytes(), createTopics);
        Topology topology = LearningTopology.build(config);
        LOG.debug("topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            streams.close(Duration.ofSeconds(10));
            throw new IllegalStateException("the streams application did not reach RUNNING within " + STARTUP_TIMEOUT
                    + "; last state " + streams.state());
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
