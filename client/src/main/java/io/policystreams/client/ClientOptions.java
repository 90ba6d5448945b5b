package io.policystreams.client;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line options every program takes for its {@link ClientConfig}: a properties file, the cluster, the
 * registry, topic names, the HTTP port and any other setting ({@code --set KEY=VALUE}). Flags win over the file
 * and the environment.
 */
public final class ClientOptions {

    public static final String CONFIG = "--config";

    /** Each option that sets one setting, and the setting. */
    private static final Map<String, String> SETTINGS = Map.of(
            "--bootstrap-servers", ClientConfig.BOOTSTRAP_SERVERS,
            "--schema-registry-url", ClientConfig.SCHEMA_REGISTRY_URL,
            "--steps-topic", ClientConfig.STEPS_TOPIC,
            "--models-topic", ClientConfig.MODELS_TOPIC,
            "--policies-topic", ClientConfig.POLICIES_TOPIC,
            "--http-port", ClientConfig.HTTP_PORT);

    /** The options, as a program lists them. */
    public static final List<Option> OPTIONS = List.of(
            Option.value(CONFIG, "FILE", "settings (cluster, registry, topics, security) as .properties; then "
                    + "POLICY_STREAMS_<KEY> variables, then these options, override them"),
            Option.value("--bootstrap-servers", "HOST:PORT", "Kafka (default localhost:9092)"),
            Option.value("--schema-registry-url", "URL", "Schema Registry of the learner (required for Kafka)"),
            Option.value("--steps-topic", "NAME", "(default steps)"),
            Option.value("--models-topic", "NAME", "(default models)"),
            Option.value("--policies-topic", "NAME", "(default policies)"),
            Option.value("--http-port", "PORT", "/metrics (and the learner's dashboard) there; 0 a free port "
                    + "(default), -1 none"),
            Option.pairs(Program.SET, "KEY=VALUE", "any setting, or any Kafka client or registry setting "
                    + "(repeatable)"));

    private ClientOptions() {
    }

    /** These options and a program's own. */
    public static List<Option> plus(List<Option> programOptions) {
        List<Option> options = new ArrayList<>(programOptions);
        options.addAll(OPTIONS);
        return List.copyOf(options);
    }

    /** The properties file named by {@code --config}, or null. */
    public static Path configFile(Arguments arguments) {
        return arguments.has(CONFIG) ? Path.of(arguments.get(CONFIG, null)) : null;
    }

    /** The settings the options give: {@code --set} pairs, then the named options. */
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

    /** {@link ClientConfig} from the file, the environment and the options. */
    public static ClientConfig load(Arguments arguments) {
        return new ClientConfig(settings(arguments, System.getenv()));
    }
}
