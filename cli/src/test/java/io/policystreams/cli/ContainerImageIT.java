package io.policystreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policystreams.commandline.Program;
import io.policystreams.dev.DevCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image that {@code mvn -Pimage package} writes to target/jib-image.tar (a {@code docker save}
 * tarball): read from its manifest and layers, then run as a container runtime would, without one: its layers
 * unpacked in order into a root, /proc mounted there, its environment only, its user and its entry point, under
 * chroot. The learner in it reaches RUNNING against a broker and registry on the host, answers its readiness probe,
 * and stops cleanly on SIGTERM.
 */
class ContainerImageIT {

    private static final Path TARBALL = Path.of("target", "jib-image.tar");
    private static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-cp", "@/app/jib-classpath-file",
            PolicyStreams.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode manifest;
    private static JsonNode config;

    @TempDir
    Path directory;

    @BeforeAll
    static void readTheManifest() throws IOException {
        assertTrue(Files.isRegularFile(TARBALL), TARBALL + " is built by mvn -Pimage package");
        manifest = JSON.readTree(entry(TARBALL, "manifest.json")).get(0);
        config = JSON.readTree(entry(TARBALL, manifest.get("Config").asText()));
    }

    @Test
    void oneEntryPointANonRootUserTheProgramsAndTheRuntimeInLayers() throws IOException {
        assertEquals("policy-streams:" + Program.version(), manifest.get("RepoTags").get(0).asText());
        JsonNode container = config.get("config");
        assertEquals(ENTRYPOINT, strings(container.get("Entrypoint")));
        assertEquals("65532:65532", container.get("User").asText());
        assertEquals(List.of("JAVA_HOME=/opt/java", "PATH=/opt/java/bin"), strings(container.get("Env")));

        List<String> layers = new ArrayList<>();
        config.get("history").forEach(layer -> layers.add(layer.get("comment").asText()));
        // Our own modules: "project dependencies" in a reactor build, "snapshot dependencies" when cli is built alone.
        assertEquals(List.of("dependencies", "our modules", "resources", "classes", "jvm arg files", "extra files"),
                layers.stream().map(layer -> layer.equals("project dependencies")
                        || layer.equals("snapshot dependencies") ? "our modules" : layer).toList());
        Map<String, String> listing = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            listing.put(layer.asText(), run(List.of("tar", "-tvzf", "-"), entry(TARBALL, layer.asText())));
        }
        String dependencies = listing.get(manifest.get("Layers").get(0).asText());
        String ours = listing.get(manifest.get("Layers").get(1).asText());
        String runtime = listing.get(manifest.get("Layers").get(5).asText());
        assertTrue(dependencies.contains("app/libs/kafka-streams-"), dependencies);
        assertTrue(ours.contains("app/libs/policy-streams-app-" + Program.version() + ".jar"), ours);
        assertTrue(runtime.lines().anyMatch(line -> line.startsWith("-rwxr-xr-x") && line.endsWith(" opt/java/bin/java")),
                runtime);
        assertTrue(runtime.contains(" lib64/ld-linux-x86-64.so.2"), runtime);
        assertTrue(runtime.contains(" lib/x86_64-linux-gnu/libc.so.6"), runtime);
        assertTrue(runtime.lines().anyMatch(line -> line.startsWith("drwxrwxrwx") && line.endsWith(" tmp/")), runtime);
        for (String files : listing.values()) {
            assertTrue(files.lines().noneMatch(line -> line.charAt(3) == 's' || line.charAt(6) == 's'),
                    "no set-user or set-group id file");
        }
    }

    @Test
    void theLearnerInTheImageRunsAsNonRootIsReadyAndStopsOnSigterm() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root, as CI has");
        Path root = Files.createDirectories(directory.resolve("root"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "-xzf", "-", "-C", root.toString(), "--warning=no-unknown-keyword"),
                    entry(TARBALL, layer.asText()));
        }
        Path proc = Files.createDirectories(root.resolve("proc"));
        run(List.of("mount", "-t", "proc", "proc", proc.toString()), InputStream.nullInputStream());
        int httpPort = freePort();
        Path output = directory.resolve("learner.log");
        try (DevCluster cluster = DevCluster.start(0, -1)) {
            List<String> command = new ArrayList<>(List.of("/usr/sbin/chroot", "--userspec="
                    + config.get("config").get("User").asText(), root.toString()));
            command.addAll(strings(config.get("config").get("Entrypoint")));
            command.addAll(List.of("app", "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
                    cluster.schemaRegistryUrl(), "--http-port", Integer.toString(httpPort), "--set",
                    "state.dir=/tmp/state"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            for (String variable : strings(config.get("config").get("Env"))) {
                String[] pair = variable.split("=", 2);
                builder.environment().put(pair[0], pair[1]);
            }
            Process learner = builder.start();
            try {
                assertEquals(200, awaitReady(httpPort, learner), Files.readString(output));
                learner.destroy();
                assertTrue(learner.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s of SIGTERM");
                assertEquals(143, learner.exitValue(), Files.readString(output));
                assertTrue(Files.readString(output).contains("PENDING_SHUTDOWN -> NOT_RUNNING"),
                        Files.readString(output));
            } finally {
                learner.destroyForcibly();
            }
        } finally {
            run(List.of("umount", proc.toString()), InputStream.nullInputStream());
            Utils.delete(root.toFile());
        }
    }

    /** Asks the learner's readiness probe every 500 ms until it answers 200, or for 3 minutes; the last status. */
    private static int awaitReady(int port, Process learner) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline && learner.isAlive()) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return status;
                }
            } catch (IOException notListeningYet) {
                status = -1;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return status;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The bytes of the file {@code name} in the tarball. */
    private static InputStream entry(Path tarball, String name) throws IOException {
        return new ByteArrayInputStream(runBytes(List.of("tar", "-xOf", tarball.toString(), name),
                InputStream.nullInputStream()));
    }

    /** Runs {@code command} with {@code input}; what it printed, or an IOException if it failed. */
    private static String run(List<String> command, InputStream input) throws IOException {
        return new String(runBytes(command, input), StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(List<String> command, InputStream input) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feed = new Thread(() -> {
            try (var stdin = process.getOutputStream()) {
                input.transferTo(stdin);
            } catch (IOException ignored) {
                // the command does not read its input
            }
        }, "feed-" + command.get(0));
        feed.start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue());
            }
            feed.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
