package io.policystreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.commandline.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one tool's error paths, help, version and completion; the process-level ones in a JVM of their own. */
class PolicyStreamsTest {

    private static final List<String> COMMANDS = List.of("app", "simulate", "declare", "compare", "serve", "demo",
            "resource-demo", "dev", "export", "replay", "evaluate-offline", "completion");

    @TempDir
    Path directory;

    private record Run(int status, String out, String err) {
    }

    private static Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PolicyStreams.program().execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run run = inProcess("--help");
        assertEquals(0, run.status());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("  " + command + " "), command + " in\n" + run.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "simulate", "declare", "compare", "serve", "demo", "resource-demo", "dev", "export",
        "replay", "evaluate-offline", "completion"})
    void everyCommandTakesHelpAndVersion(String command) {
        Run help = inProcess(command, "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: policy-streams " + command), help.out());
        assertTrue(help.out().contains("--verbose"), help.out());
        Run version = inProcess(command, "--version");
        assertEquals(0, version.status());
        assertEquals(command + " " + Program.version() + "\n", version.out());
    }

    @Test
    void theUpgradeCommandIsUnderApp() {
        Run help = inProcess("app", "upgrade", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--from-application-id=OLD"), help.out());
    }

    /** In a JVM of its own, as a user runs it: status 2, the problem on one line, the usage, no stack trace. */
    @Test
    void aBadFlagIsOneLineOfErrorAndTheUsageWithStatusTwo() throws Exception {
        Run run = process("simulate", "--evns", "8");

        assertEquals(2, run.status());
        List<String> lines = run.err().lines().toList();
        assertEquals("Unknown options: '--evns', '8'", lines.get(0));
        assertTrue(lines.get(1).startsWith("Usage: policy-streams simulate"), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownCommandAndNoCommandAreUsageErrors() throws Exception {
        Run unknown = process("simulat");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'simulat'"), unknown.err());
        assertTrue(unknown.err().contains("Did you mean: policy-streams simulate"), unknown.err());
        Run none = process();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("policy-streams: which command? app, simulate"), none.err());
    }

    @Test
    void aBadValueIsOneLineWithStatusTwo() throws Exception {
        Run run = process("demo", "--max-steps", "lots");
        assertEquals(2, run.status());
        assertEquals("demo: --max-steps takes a number, got lots\n", run.err());
    }

    @Test
    void aMissingRequiredOptionIsOneLineWithStatusTwo() {
        Run run = inProcess("export", "--files", "steps.avro");
        assertEquals(2, run.status());
        assertEquals("export: --out is required\n", run.err());
    }

    /** The generated script, sourced in bash, completes a command's name and its options. */
    @Test
    void theCompletionScriptCompletesCommandsAndOptionsInBash() throws Exception {
        Path script = directory.resolve("policy-streams.bash");
        Run completion = process("completion");
        assertEquals(0, completion.status(), completion.err());
        Files.writeString(script, completion.out());

        assertEquals("simulate", complete(script, "policy-streams", "sim"));
        assertTrue(complete(script, "policy-streams", "simulate", "--target").contains("--target-return"));
    }

    /** What bash's completion offers for the last word of {@code words}. */
    private String complete(Path script, String... words) throws IOException, InterruptedException {
        String line = "source " + script + "; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_policy-streams; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), said);
        return said;
    }

    private Run process(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), PolicyStreams.class.getName()));
        command.addAll(List.of(args));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
