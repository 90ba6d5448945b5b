package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The demo's main path, end to end on the embedded broker: the learner and a CartPole simulator in one process.
 * A small target (mean 150 over 20 episodes, a random policy averages about 22) keeps it short.
 */
class CartPoleDemoTest {

    @TempDir
    Path results;

    @Test
    void cartPoleLearnsThroughKafkaWellAboveTheRandomPolicy() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        CartPoleDemo.Result result = CartPoleDemo.run(new CartPoleDemo.Settings(150.0, 20, 60_000, 8, 1L, results, 0),
                new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(result.summary().reachedTarget(), output);
        assertTrue(result.summary().meanReturn() >= 150.0, output);
        assertTrue(result.stepsToTarget() <= 60_000, output);
        assertTrue(output.contains("Solved.") && output.contains("| env steps | episodes |"), output);

        List<String> csv = Files.readAllLines(result.csv());
        assertEquals("episode,env_steps,return,mean_return,policy_version,seconds", csv.get(0));
        assertEquals(result.summary().episodes(), csv.size() - 1);
        assertEquals(960, ImageIO.read(result.png().toFile()).getWidth());
    }
}
