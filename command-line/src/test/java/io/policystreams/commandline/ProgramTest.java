package io.policystreams.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every command does with --help, --version, a bad command line and a failing action. */
class ProgramTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private final Program tool = Program.group("tool", "does things").with(
            Program.command("count", "counts to N", List.of(Option.value("--to", "N", "how far")),
                    arguments -> {
                        new PrintWriter(out, true).println("counted to " + arguments.getInt("--to", 3));
                        return 0;
                    }),
            Program.command("fail", "fails", List.of(), arguments -> {
                throw new IllegalStateException("the disk is full");
            }));

    private int run(String... args) {
        return tool.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aCommandRunsWithItsOptions() {
        assertEquals(0, run("count", "--to", "5"));
        assertEquals("counted to 5\n", out.toString());
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("count") && out.toString().contains("does things"), out.toString());
        assertEquals(0, run("count", "--help"));
        assertTrue(out.toString().contains("--to=N") && out.toString().contains("how far"), out.toString());
        assertEquals(0, run("count", "--version"));
        assertTrue(out.toString().contains("count " + Program.version()), out.toString());
        assertFalse(Program.version().contains("$"), "the version is filtered in: " + Program.version());
        assertEquals("", err.toString());
    }

    @Test
    void aBadOptionIsOneLineAndTheUsageWithStatusTwo() {
        assertEquals(2, run("count", "--too", "5"));
        String[] lines = err.toString().split("\n");
        assertEquals("Unknown options: '--too', '5'", lines[0]);
        assertTrue(lines[1].startsWith("Usage: tool count"), err.toString());
        assertFalse(err.toString().contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void anUnknownCommandAndAMissingOneAreUsageErrors() {
        assertEquals(2, run("counts"));
        assertTrue(err.toString().startsWith("Unmatched argument at index 0: 'counts'"), err.toString());
        assertEquals(2, run());
        assertTrue(err.toString().contains("tool: which command? count, fail"), err.toString());
    }

    @Test
    void aBadValueIsItsMessageWithStatusTwoAndAFailureIsOneLineWithStatusOne() {
        assertEquals(2, run("count", "--to", "many"));
        assertEquals("count: --to takes a number, got many\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, run("fail"));
        assertEquals("fail: java.lang.IllegalStateException: the disk is full\n", err.toString());
    }

    @Test
    void theCompletionScriptCompletesCommandsAndOptions() {
        String script = tool.completionScript();
        assertTrue(script.contains("complete -F _complete_tool") && script.contains("count")
                && script.contains("--to"), script);
    }
}
