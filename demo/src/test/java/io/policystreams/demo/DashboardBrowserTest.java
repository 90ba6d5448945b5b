package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.serde.MalformedRecordException;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.ActorMetrics;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser during a live embedded run: CartPole trains through the broker while
 * {@code dashboard/web/test/dashboard.browser.mjs} (playwright-core driving Debian's Chromium) loads the page,
 * sees the learning curve gain points as versions arrive and a malformed step counted under its reason in the
 * dead-letter table, and saves a screenshot that the build keeps in
 * {@code demo/target/dashboard-screenshots/}. In the same run, {@code /metrics} serves every documented metric of
 * the learner and the simulator. Needs /usr/bin/chromium (what {@code .ci/run} installs); without it the test is
 * skipped, except under CI=true, where it fails.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WEB = Path.of("..", "dashboard", "web");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    Path results;

    @Test
    void theDashboardDrawsTheLearningCurveLiveAndTheMetricsAreServed() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                    + " (apt-get install chromium)");
        }
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM + ": .ci/run installs it");
        Files.createDirectories(SCREENSHOTS);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EmbeddedLoop loop = EmbeddedLoop.start(new PrintStream(printed, true, StandardCharsets.UTF_8), results,
                0)) {
            ModelSpec spec = DefaultModels.forEnvironment(Environments.CARTPOLE, "cartpole", 1L);
            // A target CartPole never reaches (its returns end at 500): versions keep coming until 100k steps.
            SimulatorSettings simulator = new SimulatorSettings("cartpole", "browser-test", 8, 1L, 0, 100_000,
                    1_000.0, 100, spec.getHyperparameters().getBatchSteps(), Duration.ofMinutes(1));
            CompletableFuture<EmbeddedLoop.Training> training = CompletableFuture.supplyAsync(() -> loop.train(spec,
                    Environments.named(Environments.CARTPOLE), simulator, (e, s, r, l, v, m) -> { }));

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(loop.config().clientConfigs(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(loop.config().stepsTopic(), "not-a-step".getBytes(
                        StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8))).get();
            }

            Process browser = new ProcessBuilder("node", "test/dashboard.browser.mjs", loop.url() + "/",
                    SCREENSHOTS.resolve("dashboard.png").toAbsolutePath().toString(), "cartpole",
                    MalformedRecordException.class.getSimpleName())
                    .directory(WEB.toFile()).redirectErrorStream(true).start();
            assertTrue(browser.waitFor(4, TimeUnit.MINUTES), "the browser test ended within 4 minutes");
            String said = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, browser.exitValue(), "the browser test: " + said + "\ndemo:\n" + printed);
            assertTrue(Files.size(SCREENSHOTS.resolve("dashboard.png")) > 10_000, "a screenshot");

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(loop.url()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String> names = metrics.lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).distinct().toList();
            for (String documented : ActorMetrics.NAMES) {
                assertTrue(names.contains(documented), documented + " in " + names);
            }
            for (LearnerMetrics.Documented documented : LearnerMetrics.DOCUMENTED) {
                assertTrue(names.stream().anyMatch(name -> name.startsWith(documented.name())),
                        documented.name() + " in " + names);
            }
            training.get(3, TimeUnit.MINUTES);
        }
    }
}
