package io.policystreams.replay.cli;

import io.policystreams.commandline.Program;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

/** The replay tool: {@code export}, {@code replay} and {@code evaluate-offline} over recorded step logs. */
public final class ReplayMain {

    private ReplayMain() {
    }

    /** The three commands, printing what they found to {@code out}. */
    public static List<Program> commands(PrintStream out) {
        return List.of(
                Program.command("export", "Writes recorded steps from the steps topic to an Avro object container "
                        + "file.", Sources.plus(ExportCommand.OPTIONS), arguments -> {
                            ExportCommand.run(arguments, new Sources(arguments), out);
                            return 0;
                        }),
                Program.command("replay", "Trains a new model on recorded steps, through the learner's own update.",
                        Sources.plus(ReplayCommand.OPTIONS), arguments -> {
                            ReplayCommand.run(arguments, new Sources(arguments), out);
                            return 0;
                        }),
                Program.command("evaluate-offline", "Estimates a policy's value on recorded episodes (importance "
                        + "sampling, with bootstrap intervals).", Sources.plus(EvaluateOfflineCommand.OPTIONS),
                        arguments -> {
                            EvaluateOfflineCommand.run(arguments, new Sources(arguments), out);
                            return 0;
                        }));
    }

    public static void main(String[] args) {
        program(System.out).main(args);
    }

    /** Runs one command; its exit status ({@link Program}), its errors printed to {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return program(out).execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Program program(PrintStream out) {
        return Program.group("policy-streams-replay", "Recorded step logs: export them, train a new model on them, "
                + "evaluate a policy on them.").with(commands(out).toArray(Program[]::new));
    }
}
