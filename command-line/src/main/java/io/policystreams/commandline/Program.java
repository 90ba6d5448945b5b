package io.policystreams.commandline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A program or one of its commands: its name, what it does, its {@link Option}s and its action, parsed and run by
 * picocli. Every command takes {@code --help}, {@code --version} and {@code --verbose}. Exit status: the action's
 * (0 when it succeeds); 2 for a bad command line (one line naming the problem, then the usage) and for an action's
 * {@link IllegalArgumentException} (its message); 1 for any other error (its message; the stack trace with
 * {@code --verbose}).
 */
public final class Program {

    /** {@code --set KEY=VALUE}: any setting; read with {@link Arguments#settings()}. */
    public static final String SET = "--set";

    private static final Logger LOG = LoggerFactory.getLogger(Program.class);

    /** What a command does with its arguments; returns the exit status. */
    @FunctionalInterface
    public interface Action {
        int run(Arguments arguments) throws Exception;
    }

    private final String name;
    private final String description;
    private final List<Option> options;
    private final Action action;
    private final List<Program> subcommands = new ArrayList<>();

    private Program(String name, String description, List<Option> options, Action action) {
        this.name = name;
        this.description = description;
        this.options = List.copyOf(options);
        this.action = action;
    }

    /** A command that runs {@code action} with its options. */
    public static Program command(String name, String description, List<Option> options, Action action) {
        return new Program(name, description, options, action);
    }

    /** A command that only holds subcommands: run without one, it prints its usage and exits 2. */
    public static Program group(String name, String description) {
        return new Program(name, description, List.of(), null);
    }

    /** Adds subcommands. */
    public Program with(Program... commands) {
        subcommands.addAll(List.of(commands));
        return this;
    }

    /** picocli's model of this program and its subcommands, e.g. for shell completion. */
    public CommandLine commandLine() {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
        spec.name(name);
        spec.usageMessage().description(description);
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(() -> new String[] {name + " " + version()});
        options.forEach(option -> spec.addOption(option.spec()));
        spec.addOption(OptionSpec.builder(Logging.VERBOSE).arity("0").type(boolean.class)
                .description("every library's log lines too (by default: ours, and libraries' warnings)").build());
        CommandLine commandLine = new CommandLine(spec);
        subcommands.forEach(command -> commandLine.addSubcommand(command.name, command.commandLine()));
        commandLine.setExecutionStrategy(Program::run);
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println(error.getMessage());
            failed.usage(failed.getErr());
            CommandLine.UnmatchedArgumentException.printSuggestions(error, failed.getErr());
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((error, failed, parsed) -> {
            if (error instanceof IllegalArgumentException) {
                failed.getErr().println(failed.getCommandName() + ": " + error.getMessage());
                return 2;
            }
            failed.getErr().println(failed.getCommandName() + ": " + (error instanceof UncheckedIOException io
                    ? io.getMessage() + ": " + io.getCause().getMessage() : error));
            LOG.debug("{} failed", failed.getCommandName(), error);
            return 1;
        });
        return commandLine;
    }

    private static int run(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Program program = (Program) leaf.commandSpec().userObject();
        if (program.action == null) {
            CommandLine command = leaf.commandSpec().commandLine();
            command.getErr().println(program.name + ": which command? " + String.join(", ",
                    command.getSubcommands().keySet()));
            command.usage(command.getErr());
            return 2;
        }
        try {
            return program.action.run(new Arguments(leaf));
        } catch (CommandLine.PicocliException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), String.valueOf(e.getMessage()),
                    e);
        }
    }

    /**
     * What {@code args} give a command of {@code options}, without running anything; a bad command line is an
     * {@link IllegalArgumentException} with picocli's message.
     */
    public static Arguments parse(List<Option> options, String... args) {
        try {
            return new Arguments(command("parse", "", options, arguments -> 0).commandLine().parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses and runs {@code args}; returns the exit status. */
    public int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Parses and runs {@code args} with output to the given writers; returns the exit status. */
    public int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** A program's {@code main}: runs {@code args} and exits with the status. */
    public void main(String[] args) {
        System.exit(execute(args));
    }

    /** A bash (and zsh, through bashcompinit) completion script of this program and all its commands. */
    public String completionScript() {
        return AutoComplete.bash(name, commandLine());
    }

    /** This build's version, {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = Program.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
