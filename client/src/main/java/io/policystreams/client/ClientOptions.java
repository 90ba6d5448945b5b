package io.policystreams.client;

import io.policystreams.commandline.Arguments;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line flags every program takes for its {@link ClientConfig}: a properties file, the cluster, the
 * registry, topic names and any other setting ({@code --set KEY=VALUE}). Flags win over the file and the
 * environment.
 */
public final class ClientOptions {

    public static final String CONFIG = "--config";

    /** Each flag and the setting it sets. */
    private static final Map<String, String> SETTINGS = Map.of(
            "--bootstrap-servers", ClientConfig.BOOTSTRAP_SERVERS,
            "--schema-registry-url", ClientConfig.SCHEMA_REGISTRY_URL,
            "--steps-topic", ClientConfig.STEPS_TOPIC,
            "--models-topic", ClientConfig.MODELS_TOPIC,
            "--policies-topic", ClientConfig.POLICIES_TOPIC);

    /** The flags, for a program's list of the options it knows. */
    public static final List<String> OPTIONS = List.of(CONFIG, "--bootstrap-servers", "--schema-registry-url",
            "--steps-topic", "--models-topic", "--policies-topic");

    /** Their lines in a program's usage. */
    public static final String USAGE = """
              --config FILE                   settings (cluster, registry, topics, security) as .properties; then
                                              POLICY_STREAMS_<KEY> variables, then these flags, override them
              --bootstrap-servers HOST:PORT   Kafka (default localhost:9092)
              --schema-registry-url URL       Schema Registry of the learner (required for Kafka)
              --steps-topic, --models-topic, --policies-topic NAME   (defaults steps, models, policies)
              --set KEY=VALUE                 any setting, or any Kafka client or registry setting (repeatable)
              --verbose                       every library's log lines too (by default: ours, and libraries' warnings)
            """;

    private ClientOptions() {
    }

    /** These flags and a program's own, as {@link Arguments} takes the names of options with a value. */
    public static Set<String> plus(String... programOptions) {
        Set<String> names = new HashSet<>(OPTIONS);
        names.addAll(List.of(programOptions));
        return Set.copyOf(names);
    }

    /** The properties file named by {@code --config}, or null. */
    public static Path configFile(Arguments arguments) {
        return arguments.has(CONFIG) ? Path.of(arguments.get(CONFIG, null)) : null;
    }

    /** The settings the flags give: {@code --set} pairs, then the named flags. */
    public static Map<String, Object> flags(Arguments arguments) {
        Map<String, Object> flags = new HashMap<>(arguments.settings());
        SETTINGS.forEach((flag, setting) -> {
            if (arguments.has(flag)) {
                flags.put(setting, arguments.get(flag, null));
            }
        });
        return flags;
    }

    /** The settings of every source, in the one precedence ({@link ClientConfig#settings}). */
    public static Map<String, Object> settings(Arguments arguments, Map<String, String> environment) {
        return ClientConfig.settings(configFile(arguments), environment, flags(arguments));
    }

    /** {@link ClientConfig} from the file, the environment and the flags. */
    public static ClientConfig load(Arguments arguments) {
        return new ClientConfig(settings(arguments, System.getenv()));
    }
}
