package io.policystreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's three terminals as three JVMs: {@code policy-streams dev}, the learner with its properties
 * file, and a CartPole simulator that declares the model and trains it until the mean return of its last 20
 * episodes reaches 150.
 */
class SeparateProcessesTest {

    @TempDir
    Path directory;

    @Test
    void devTheLearnerAndASimulatorInThreeProcessesLearnCartPole() throws Exception {
        Path properties = directory.resolve("dev.properties");
        Process dev = start("dev.log", "dev", "--registry-port", "0", "--properties", properties.toString(),
                "--http-port", "-1");
        Process learner = null;
        try {
            awaitLine(dev, "schema.registry.url=");
            assertTrue(Files.readString(properties).contains("bootstrap.servers="));
            learner = start("learner.log", "app", "--config", properties.toString(), "--http-port", "-1",
                    "--set", "state.dir=" + directory.resolve("state"), "--set", "commit.interval.ms=20");
            Process simulator = start("simulator.log", "simulate", "--config", properties.toString(), "--env",
                    "cartpole", "--declare", "--envs", "8", "--steps-per-version", "256", "--target-return", "150",
                    "--window", "20", "--max-steps", "150000", "--http-port", "-1");
            assertTrue(simulator.waitFor(5, TimeUnit.MINUTES), "the simulator ended within 5 minutes");
            String said = Files.readString(directory.resolve("simulator.log"));
            assertEquals(0, simulator.exitValue(), said + learnerLog());
            assertTrue(said.contains("target reached"), said + learnerLog());
            assertTrue(learner.isAlive(), "the learner still runs: " + learnerLog());
        } finally {
            stop(learner);
            stop(dev);
        }
    }

    private String learnerLog() throws IOException {
        return "\nlearner:\n" + Files.readString(directory.resolve("learner.log"));
    }

    /** {@code PolicyStreams ARGS} in a JVM of its own on this test's class path, its output in {@code log}. */
    private Process start(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                PolicyStreams.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!log.equals("dev.log")) {
            builder.redirectOutput(directory.resolve(log).toFile());
        }
        return builder.start();
    }

    /** Reads the process's output until a line starts with {@code prefix}; a thread reads the rest. */
    private static void awaitLine(Process process, String prefix) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                Thread drain = new Thread(() -> lines.lines().forEach(rest -> { }), "dev-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the process ended without printing " + prefix + ":\n" + seen);
    }

    /** SIGTERM, as Ctrl-C or a supervisor stops it. */
    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
