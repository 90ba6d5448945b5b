package io.policystreams.replay.cli;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.ClientOptions;
import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.learning.StepRules;
import io.policystreams.replay.PublishedPolicies;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.LogRange;
import io.policystreams.replay.log.StepLog;
import io.policystreams.replay.log.TopicStepLog;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What every command reads: the settings every program shares ({@link ClientOptions}: the learner's topics, cluster
 * and registry, loaded only when a command needs Kafka) and the recorded steps, from {@code --files} or the steps
 * topic between the range's bounds.
 */
final class Sources {

    /** Where the steps come from, for every command: files or the steps topic, and the range. */
    static final List<Option> OPTIONS = ClientOptions.plus(List.of(
            Option.value("--files", "F1,F2", "exported files instead of the steps topic"),
            Option.value("--from-offset", "N|P:N,...", "first offset read, for every partition or per partition"),
            Option.value("--to-offset", "N|P:N,...", "offset the read stops before (default: the end when it "
                    + "starts)"),
            Option.value("--from-time", "T", "the first record time read: ISO-8601 (2026-11-22T10:00:00Z) or "
                    + "epoch ms"),
            Option.value("--to-time", "T", "the record time the read stops before")));

    /** A command's own options and these. */
    static List<Option> plus(List<Option> commandOptions) {
        List<Option> all = new ArrayList<>(commandOptions);
        all.addAll(OPTIONS);
        return List.copyOf(all);
    }

    private final Arguments arguments;
    private Map<String, Object> settings;
    private ClientConfig config;

    Sources(Arguments arguments) {
        this.arguments = arguments;
    }

    /** The settings of the file, the environment and the flags, read once. */
    private Map<String, Object> settings() {
        if (settings == null) {
            settings = ClientOptions.settings(arguments, System.getenv());
        }
        return settings;
    }

    /** The cluster, registry and topics: the {@code --config} file, POLICY_STREAMS_* variables, then the flags. */
    ClientConfig config() {
        if (config == null) {
            config = new ClientConfig(settings());
        }
        return config;
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
        ClientConfig cluster = config();
        return new TopicStepLog(cluster.clientConfigs(), cluster.stepsTopic(),
                cluster.avroSerde(Step.class).deserializer(), range);
    }

    /** The latest published snapshot of {@code modelId}, or null. */
    PolicySnapshot published(String modelId) {
        return PublishedPolicies.latest(config(), modelId);
    }

    /** The learner's episode.max.steps, as the file, the environment or {@code --set} give it, else its default. */
    int maxEpisodeSteps() {
        Object value = settings().get(StepRules.MAX_EPISODE_STEPS_SETTING);
        if (value == null) {
            return StepRules.DEFAULT_MAX_EPISODE_STEPS;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(StepRules.MAX_EPISODE_STEPS_SETTING + " takes a number, got " + value);
        }
    }
}
