package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user starts it, in a JVM of its own with the shipped logging: its console holds its own lines
 * and no library's warning; {@code --verbose} brings the libraries' lines back.
 */
class DemoConsoleTest {

    @TempDir
    Path directory;

    @Test
    void theDemosConsoleShowsOnlyItsOwnLines() throws Exception {
        Run run = demo("--max-steps", "300");

        assertEquals(1, run.status(), "not solved in 300 steps: status 1\n" + run.errors());
        assertTrue(run.output().startsWith("Starting an embedded Kafka broker"), run.output());
        assertTrue(run.output().contains("Declaring model cartpole"), run.output());
        assertEquals("", run.errors(), "no log line on the demo's console");
    }

    @Test
    void verboseShowsTheLibrariesLinesToo() throws Exception {
        Run run = demo("--max-steps", "100", "--verbose");

        assertTrue(run.errors().contains("StreamsConfig values:"), "Kafka Streams' INFO lines");
        assertTrue(run.errors().contains("INFO  ModelDeclarations - model cartpole declared"), "our INFO lines");
    }

    private record Run(int status, String output, String errors) {
    }

    /** CartPoleDemo's main in a child JVM on this test's class path; its temp directory is not its results'. */
    private Run demo(String... args) throws IOException, InterruptedException {
        Path temp = Files.createDirectories(directory.resolve("tmp"));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                CartPoleDemo.class.getName(), "--results", Path.of("target", "demo-console").toAbsolutePath()
                        .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the demo ended within 3 minutes");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
