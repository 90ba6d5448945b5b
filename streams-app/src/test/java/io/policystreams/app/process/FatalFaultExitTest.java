package io.policystreams.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fault that is not a bad record ends the learner's process with status 1, so that a supervisor restarts it;
 * it never sits alive in ERROR. SIGTERM closes it cleanly with the JVM's status 143.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FatalFaultExitTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private EmbeddedKafka kafka;
    private Path directory;

    @BeforeAll
    void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
        directory = Files.createTempDirectory("policy-streams-process-");
    }

    @AfterAll
    void stopBroker() throws Exception {
        kafka.close();
        Utils.delete(directory.toFile());
    }

    @Test
    void changingLearnerPartitionsOnAnExistingDeploymentExitsNonZeroInsteadOfHangingInError() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "application.id", "partitions-change",
                "schema.registry.url", "mock://partitions-change",
                "state.dir", directory.resolve("state").toString(),
                "learner.partitions", "1",
                "consumer.session.timeout.ms", "6000",
                "consumer.heartbeat.interval.ms", "1000"));
        try (LearnerProcess first = LearnerProcess.start(kafka.bootstrapServers(), settings,
                directory.resolve("first.log"))) {
            assertTrue(first.awaitOutput("REBALANCING -> RUNNING", DEADLINE), first.output());
            assertEquals(143, first.terminate(), "SIGTERM closes the learner with the JVM's status");
        }

        settings.put("learner.partitions", "2");
        try (LearnerProcess second = LearnerProcess.start(kafka.bootstrapServers(), settings,
                directory.resolve("second.log"))) {
            Integer status = second.awaitExit(DEADLINE);
            assertEquals(1, status, second.output());
            assertTrue(second.output().contains("has invalid partitions: expected: 2; actual: 1"), second.output());
        }
    }
}
