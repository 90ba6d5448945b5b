package io.policystreams.replay.cli;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.topic.Topics;
import io.policystreams.cli.Arguments;
import io.policystreams.replay.PublishedPolicies;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.LogRange;
import io.policystreams.replay.log.StepLog;
import io.policystreams.replay.log.TopicStepLog;
import io.policystreams.schemas.PolicySnapshot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every command reads: the learner's configuration (its topics, cluster and registry, loaded only when a
 * command needs Kafka) and the recorded steps, from {@code --files} or the steps topic between the range's bounds.
 */
final class Sources {

    static final List<String> OPTIONS = List.of("--config", "--bootstrap-servers", "--schema-registry-url",
            "--files", "--from-offset", "--to-offset", "--from-time", "--to-time");

    private final Arguments arguments;
    private AppConfig config;

    Sources(Arguments arguments) {
        this.arguments = arguments;
    }

    /** The learner's configuration: {@code --config} file, POLICY_STREAMS_* variables, then the options. */
    AppConfig config() {
        if (config == null) {
            Map<String, Object> overrides = new HashMap<>(arguments.settings());
            if (arguments.has("--bootstrap-servers")) {
                overrides.put(AppConfig.BOOTSTRAP_SERVERS, arguments.get("--bootstrap-servers", null));
            }
            if (arguments.has("--schema-registry-url")) {
                overrides.put(AppConfig.SCHEMA_REGISTRY_URL, arguments.get("--schema-registry-url", null));
            }
            String file = arguments.get("--config", null);
            config = AppConfig.load(file == null ? null : Path.of(file), System.getenv(), overrides);
        }
        return config;
    }

    Topics topics() {
        return Topics.from(config());
    }

    boolean fromFiles() {
        return arguments.has("--files");
    }

    List<Path> files() {
        return Arrays.stream(arguments.get("--files", "").split(",")).map(String::trim).filter(f -> !f.isEmpty())
                .map(Path::of).toList();
    }

    /** The recorded steps: the files, or the steps topic within the range. */
    StepLog open() {
        if (fromFiles()) {
            if (Arrays.asList("--from-offset", "--to-offset", "--from-time", "--to-time").stream()
                    .anyMatch(arguments::has)) {
                throw new IllegalArgumentException("a range bounds the steps topic; --files are read whole");
            }
            return new ContainerFileStepLog(files());
        }
        LogRange range = LogRange.parse(arguments.get("--from-offset", null), arguments.get("--to-offset", null),
                arguments.get("--from-time", null), arguments.get("--to-time", null));
        Topics topics = topics();
        return new TopicStepLog(config().clientConfigs(), topics.steps().name(),
                topics.steps().valueSerde().deserializer(), range);
    }

    /** The latest published snapshot of {@code modelId}, or null. */
    PolicySnapshot published(String modelId) {
        Topics topics = topics();
        return PublishedPolicies.latest(config().clientConfigs(), topics.policies().name(),
                topics.policies().valueSerde().deserializer(), modelId);
    }

    /** episode.max.steps of the configuration, or its default when no configuration was given or needed. */
    int maxEpisodeSteps() {
        return config != null || arguments.has("--config") ? config().getInt(AppConfig.EPISODE_MAX_STEPS)
                : (Integer) AppConfig.CONFIG.defaultValues().get(AppConfig.EPISODE_MAX_STEPS);
    }
}
