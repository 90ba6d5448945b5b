package io.policystreams.app.process;

import io.policystreams.app.PolicyStreamsApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The learner as its own OS process ({@code java PolicyStreamsApp} on the test class path), its output in a file,
 * for tests that kill it, restart it or wait for its exit status as a supervisor would.
 */
public final class LearnerProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private LearnerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code java PolicyStreamsApp --bootstrap-servers ... --set key=value ...}. */
    public static LearnerProcess start(String bootstrapServers, Map<String, String> settings, Path output)
            throws IOException {
        return start(List.of(), bootstrapServers, settings, output);
    }

    /**
     * Starts {@code java PolicyStreamsApp COMMAND... --bootstrap-servers ... --set key=value ...}: the learner, or
     * with {@code command} another of the jar's commands (upgrade).
     */
    public static LearnerProcess start(List<String> command, String bootstrapServers, Map<String, String> settings,
                                       Path output) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", classPath(), PolicyStreamsApp.class.getName()));
        line.addAll(command);
        line.addAll(List.of("--bootstrap-servers", bootstrapServers));
        settings.forEach((key, value) -> {
            line.add("--set");
            line.add(key + "=" + value);
        });
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        // A test that fails before it closes its learners must not leave them running after the test JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-learner-process"));
        return new LearnerProcess(process, output);
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Waits until the output holds {@code text}; false if the process ended or the deadline passed first. */
    public boolean awaitOutput(String text, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** The exit status, once the process ends within {@code deadline}; null if it is still running. */
    public Integer awaitExit(Duration deadline) throws InterruptedException {
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** SIGKILL: no shutdown hook, no commit, no clean close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then waits for the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
