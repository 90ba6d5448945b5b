package io.policystreams.replay.cli;

import io.policystreams.commandline.Arguments;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/** The replay tool: {@code export}, {@code replay} and {@code evaluate-offline} over recorded step logs. */
public final class ReplayMain {

    static final String USAGE = """
            usage: java -jar policy-streams-replay.jar COMMAND [options]

            commands:
              export             write recorded steps from the steps topic to an Avro object container file
              replay             train a new model on recorded steps, through the learner's own update
              evaluate-offline   estimate a policy's value on recorded episodes (importance sampling)

            where the steps come from (every command):
              --config FILE                   the learner's properties (topics, cluster, registry)
              --bootstrap-servers HOST:PORT   --schema-registry-url URL   --set KEY=VALUE (repeatable)
              --files F1,F2                   exported files instead of the steps topic
              --from-offset N | P:N,...       first offset read, for every partition or per partition
              --to-offset N | P:N,...         offset the read stops before (default: the end when it starts)
              --from-time T   --to-time T     the same by record time: ISO-8601 (2026-11-22T10:00:00Z) or epoch ms

            export:            --out FILE [--model ID] [--codec deflate|null|bzip2|xz]
            replay:            --model-id NEW --source-model ID [--spec SPEC.json] [--algorithm REINFORCE|ACTOR_CRITIC|PPO]
                               [--hp NAME=VALUE (repeatable)] [--seed S] [--value-network 64,64]
                               [--out DIR (default results/replay-NEW)] [--publish]
            evaluate-offline:  --source-model ID (--policy-file policies.avro [--version V] | --policy-model ID)
                               [--gamma G] [--resamples 2000] [--seed 1]
            """;

    private ReplayMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command; 0 on success, 2 on a usage or input error, 1 on a file error (printed to {@code err}). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "export" -> {
                    Arguments arguments = parse(rest, ExportCommand.OPTIONS, List.of(), List.of());
                    ExportCommand.run(arguments, new Sources(arguments), out);
                }
                case "replay" -> {
                    Arguments arguments = parse(rest, ReplayCommand.OPTIONS, ReplayCommand.FLAGS, ReplayCommand.PAIRS);
                    ReplayCommand.run(arguments, new Sources(arguments), out);
                }
                case "evaluate-offline" -> {
                    Arguments arguments = parse(rest, EvaluateOfflineCommand.OPTIONS, List.of(), List.of());
                    EvaluateOfflineCommand.run(arguments, new Sources(arguments), out);
                }
                default -> throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
            }
            return 0;
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    private static Arguments parse(String[] args, List<String> options, List<String> flags, List<String> pairs) {
        List<String> all = new ArrayList<>(Sources.OPTIONS);
        all.addAll(options);
        return new Arguments(args, Set.copyOf(all), new HashSet<>(flags), new HashSet<>(pairs), USAGE);
    }
}
