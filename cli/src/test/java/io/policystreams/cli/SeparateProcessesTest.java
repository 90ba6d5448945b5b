package io.policystreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's terminals as separate processes: {@code policy-streams dev}, the learner with its properties
 * file, and a CartPole simulator that declares the model and trains it until the mean return of its last 20
 * episodes reaches 150: the Java simulator, then the Python one (clients/python, acting itself and then through
 * {@code policy-streams serve}). The Python run needs Debian's python3-numpy, python3-confluent-kafka,
 * python3-requests and python3-avro ({@code .ci/run} installs them); it is skipped without them, except under
 * CI=true, where it fails.
 */
class SeparateProcessesTest {

    private static final Path PYTHON_CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();
    private static final Pattern REGISTRY_URL = Pattern.compile("^schema\\.registry\\.url=(.+)$");
    private static final Pattern ACT_ENDPOINT_PORT = Pattern.compile("act endpoint on http://localhost:(\\d+)/");

    @TempDir
    Path directory;

    @Test
    void devTheLearnerAndASimulatorInThreeProcessesLearnCartPole() throws Exception {
        Path properties = directory.resolve("dev.properties");
        Process dev = start("dev.log", "dev", "--registry-port", "0", "--properties", properties.toString(),
                "--http-port", "-1");
        Process learner = null;
        try {
            awaitLine(dev, REGISTRY_URL);
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

    @Test
    void aPythonSimulatorLearnsCartPoleActingItselfAndThroughTheActEndpoint() throws Exception {
        boolean ready = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy, confluent_kafka, requests, avro")
                .start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "no python3-numpy, python3-confluent-kafka, python3-requests or "
                    + "python3-avro (apt-get install them)");
        }
        Path properties = directory.resolve("dev.properties");
        Process dev = start("dev.log", "dev", "--registry-port", "0", "--properties", properties.toString(),
                "--http-port", "-1");
        Process learner = null;
        Process serve = null;
        try {
            String registry = awaitLine(dev, REGISTRY_URL);
            learner = start("learner.log", "app", "--config", properties.toString(), "--http-port", "-1",
                    "--set", "state.dir=" + directory.resolve("state"), "--set", "commit.interval.ms=20");
            learnsCartPole(python("python-local.log", "simulate", "--config", properties.toString(), "--model-id",
                    "cartpole", "--declare", "examples/cartpole.json", "--envs", "8", "--steps-per-version", "256",
                    "--target-return", "150", "--window", "20", "--max-steps", "150000"), "python-local.log");

            serve = start("serve.log", "serve", "--config", properties.toString(), "--port", "0",
                    "--http-port", "-1");
            String port = awaitLine(serve, ACT_ENDPOINT_PORT);
            learnsCartPole(python("python-http.log", "simulate", "--config", properties.toString(), "--model-id",
                    "cartpole-http", "--declare", "examples/cartpole.json", "--act-url", "http://127.0.0.1:" + port,
                    "--envs", "8", "--steps-per-version", "256", "--target-return", "150", "--window", "20",
                    "--max-steps", "150000"), "python-http.log");

            for (String subject : List.of("steps-value", "models-value", "policies-value")) {
                assertEquals("[1]", get(registry + "/subjects/" + subject + "/versions"),
                        subject + ": Python registered the repository's .avsc, the schema the Java programs use");
            }
        } finally {
            stop(serve);
            stop(learner);
            stop(dev);
        }
    }

    private void learnsCartPole(Process simulator, String log) throws Exception {
        assertTrue(simulator.waitFor(5, TimeUnit.MINUTES), "the Python simulator ended within 5 minutes");
        String said = Files.readString(directory.resolve(log));
        assertEquals(0, simulator.exitValue(), said + learnerLog());
        assertTrue(said.contains("target reached"), said + learnerLog());
    }

    /** {@code python3 -m policy_streams ARGS} in clients/python, its output in {@code log}. */
    private Process python(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-m", "policy_streams"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(PYTHON_CLIENT.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve(log).toFile()).start();
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
        if (!log.equals("dev.log") && !log.equals("serve.log")) {
            builder.redirectOutput(directory.resolve(log).toFile());
        }
        return builder.start();
    }

    /** Reads the process's output until a line matches {@code pattern}; returns its first group. A thread reads on. */
    private static String awaitLine(Process process, Pattern pattern) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matched = pattern.matcher(line);
            if (matched.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(rest -> { }), "dev-output");
                drain.setDaemon(true);
                drain.start();
                return matched.group(1);
            }
        }
        throw new AssertionError("the process ended without printing " + pattern + ":\n" + seen);
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
