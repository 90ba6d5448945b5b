package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.evaluation.MeanInterval;
import io.policystreams.policy.evaluation.OffPolicyEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delayed-reward demo, shortened, on the embedded broker: 6,000 decisions at 600 a second whose clicks come
 * after about a second, joined by the learner within 1.5 s. The learned policy's rate of clicks within the wait is
 * well above uniform random's, evaluate-offline's estimate from the joined log agrees with it, and every click
 * after the wait was dead-lettered as late while the rest of the log was joined.
 */
class DelayedRewardDemoTest {

    @TempDir
    Path results;

    @Test
    void learnsFromDelayedClicksWellAboveUniformAndTheOffPolicyEstimateAgrees() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DelayedRewardDemo.Result result = DelayedRewardDemo.run(new DelayedRewardDemo.Settings(6_000, 600, 1_500,
                20_000, 1L, results), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String said = printed.toString(StandardCharsets.UTF_8);

        MeanInterval learned = result.learnedRate();
        MeanInterval uniform = result.uniformRate();
        assertTrue(learned.lower() > uniform.upper() + 0.03, "learned " + learned + " against uniform " + uniform
                + "\n" + said);
        OffPolicyEvaluation.Estimate offline = result.offline().weighted();
        assertTrue(Math.abs(offline.value() - learned.mean()) <= (offline.upper() - offline.lower()) / 2
                + learned.halfWidth(), "evaluate-offline " + offline + " against the measured " + learned + "\n" + said);

        assertEquals(6_000, result.joined(), said);
        assertTrue(result.defaulted() > 0 && result.defaulted() < result.joined(), said);
        assertTrue(result.service().clicksAfterWait() > 0, said);
        assertTrue(result.lateRewards() >= result.service().clicksAfterWait(), "every click after the wait is late: "
                + said);
        assertEquals(0, result.unclaimedRewards(), said);
        assertTrue(Files.exists(result.folder().resolve("delayed-reward.png")), said);
        assertTrue(said.contains("| uniform random |"), said);
    }
}
