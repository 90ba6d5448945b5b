package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.simulator.comparison.ComparisonResult;
import io.policystreams.simulator.comparison.HeuristicComparison;
import io.policystreams.simulator.env.Environments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning test of the resource environments: load balancing trained briefly through the whole Kafka loop
 * (embedded broker, learner, simulator) must beat random placement on held-out job sequences, acting as it
 * trained (sampling), by a paired 95% interval that excludes zero.
 */
class ResourceDemoTest {

    @TempDir
    Path results;

    @Test
    void aBrieflyTrainedBalancerBeatsRandomPlacementOnSequencesItNeverSaw() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ResourceDemo.Result result = ResourceDemo.run(new ResourceDemo.Settings(Environments.LOAD_BALANCING,
                        TRAINING_STEPS, 8, 1L, List.of(0.9), 20, results),
                new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        String output = printed.toString(StandardCharsets.UTF_8);
        ComparisonResult.Improvement overRandom = result.comparison()
                .improvement(0.9, HeuristicComparison.LEARNED_SAMPLED, "random");
        assertTrue(overRandom.percent() - overRandom.halfWidthPercent() > 0, output);
        assertTrue(result.summary().steps() >= TRAINING_STEPS, output);
        assertTrue(result.policy().getVersion() > 0, output);
        assertTrue(output.contains("| learned (greedy) vs best heuristic |"), output);
        for (String file : List.of("learning-curve.csv", "comparison.md", "policy.avro")) {
            assertTrue(Files.size(result.folder().resolve(file)) > 0, file);
        }
        assertEquals(960, ImageIO.read(result.folder().resolve("comparison.png").toFile()).getWidth());
    }

    private static final long TRAINING_STEPS = 100_000;
}
