package io.policystreams.app.metrics;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.schemas.TrainingReport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the learner's processors record, read back from the registry after TopologyTestDriver runs them. */
class LearnerMetricsTest {

    private final TopologyHarness harness = new TopologyHarness();
    private final MeterRegistry meters = harness.meters();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void anUpdateSetsTheModelsGaugesFromItsReportAndCountsFromTheStatesTotals() {
        harness.declare(bandit(2).build());
        sendEpisode("e-1", 3);
        sendEpisode("e-2", 2);

        TrainingReport report = harness.reports().get(0);
        assertEquals(1.0, gauge("policy.streams.model.version"));
        assertEquals(report.getMeanReturn(), gauge("policy.streams.model.return.mean"));
        assertEquals(report.getMaxReturn(), gauge("policy.streams.model.return.max"));
        assertEquals(report.getEntropy(), gauge("policy.streams.model.entropy"));
        assertEquals(report.getApproxKl(), gauge("policy.streams.model.approx.kl"));
        assertEquals(report.getEffectiveSampleSize(), gauge("policy.streams.model.effective.sample.size"));
        assertEquals(report.getCreatedAt().toEpochMilli() / 1000.0,
                gauge("policy.streams.model.last.update.timestamp.seconds"));
        assertEquals(5.0, meters.get("policy.streams.model.steps.consumed").tag("model", "bandit")
                .functionCounter().count());
        assertEquals(2.0, meters.get("policy.streams.model.episodes.consumed").tag("model", "bandit")
                .functionCounter().count());
        assertEquals(1.0, meters.get("policy.streams.model.updates").tags("model", "bandit", "outcome", "published")
                .counter().count());
        assertEquals(1L, meters.get("policy.streams.model.update.duration").tag("model", "bandit").timer().count());

        sendEpisode("e-3", 1);
        sendEpisode("e-4", 1);
        assertEquals(2.0, gauge("policy.streams.model.version"));
        assertEquals(7.0, meters.get("policy.streams.model.steps.consumed").tag("model", "bandit")
                .functionCounter().count());
    }

    @Test
    void episodesWaitingCountsEpisodesWithStepsUntilTheirLastStepOrTheirExpiry() {
        harness.declare(bandit(10).build());
        harness.send(step("open-1", 0, 3).build());
        harness.send(step("open-1", 1, 3).build());
        harness.send(step("open-2", 0, 2).build());
        harness.send(step("one-step", 0, 1).build());
        assertEquals(2.0, waiting());

        harness.send(step("open-2", 1, 2).build());
        assertEquals(1.0, waiting());

        harness.advanceWallClock(Duration.ofSeconds(61));
        assertEquals(0.0, waiting());
        assertEquals(2, harness.deadLetters().size());
    }

    /** Two finite rewards of 1e308: the return overflows and the update fails. */
    @Test
    void aFailedUpdateIsCountedAndTheVersionStays() {
        harness.declare(bandit(1).build());
        harness.send(step("e-1", 0, 2).setReward(1e308).build());
        harness.send(step("e-1", 1, 2).setReward(1e308).build());

        assertEquals("update-failed", harness.deadLetters().get(0).exception());
        assertEquals(1.0, meters.get("policy.streams.model.updates").tags("model", "bandit", "outcome", "failed")
                .counter().count());
        assertEquals(0.0, gauge("policy.streams.model.version"));
        assertEquals(Double.NaN, gauge("policy.streams.model.return.mean"), "no update has a report yet");
    }

    private double gauge(String name) {
        return meters.get(name).tag("model", "bandit").gauge().value();
    }

    private double waiting() {
        return meters.get("policy.streams.model.episodes.waiting").tag("model", "bandit").gauge().value();
    }

    private void sendEpisode(String episodeId, int length) {
        for (int t = 0; t < length; t++) {
            harness.send(step(episodeId, t, length).build());
        }
    }
}
