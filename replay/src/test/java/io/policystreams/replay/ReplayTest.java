package io.policystreams.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.learning.PolicyTrainer;
import io.policystreams.policy.distribution.Action;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.StepExport;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final Replay.Updates IGNORE = new Replay.Updates() {
        @Override
        public void initial(PolicySnapshot versionZero) {
        }

        @Override
        public void updated(PolicyTrainer.Outcome outcome) {
        }
    };

    @TempDir
    Path directory;

    @Test
    void theSameLogAndSpecGiveBitIdenticalParameters() {
        List<Step> steps = RecordedBandit.steps(2_000, 0.3, 1L);

        Replay.Result first = Replay.run(RecordedBandit.spec("replayed", 25), RecordedBandit.SOURCE,
                RecordedBandit.log(steps), 100_000, IGNORE, read -> { });
        Replay.Result second = Replay.run(RecordedBandit.spec("replayed", 25), RecordedBandit.SOURCE,
                RecordedBandit.log(steps), 100_000, IGNORE, read -> { });

        assertEquals(80L, first.finalState().getVersion());
        assertEquals(first.finalState(), second.finalState()); // Double.equals: bit for bit
        assertEquals(first.reports(), second.reports());
    }

    @Test
    void anExportedFileReplaysExactlyAsTheLogItCameFrom() {
        List<Step> steps = RecordedBandit.steps(600, 0.3, 2L);
        Path file = directory.resolve("steps.avro");
        StepExport.Summary exported = StepExport.write(RecordedBandit.log(steps), file, RecordedBandit.SOURCE,
                CodecFactory.deflateCodec(6), Map.of(), read -> { });

        Replay.Result fromMemory = Replay.run(RecordedBandit.spec("replayed", 20), RecordedBandit.SOURCE,
                RecordedBandit.log(steps), 100_000, IGNORE, read -> { });
        Replay.Result fromFile = Replay.run(RecordedBandit.spec("replayed", 20), RecordedBandit.SOURCE,
                new ContainerFileStepLog(List.of(file)), 100_000, IGNORE, read -> { });

        assertEquals(600L, exported.written());
        assertEquals(fromMemory.finalState().getPolicyParameters(), fromFile.finalState().getPolicyParameters());
    }

    /**
     * μ mostly plays the worse arm (0.3 on the better one). Trained off-policy on its log, with the importance
     * correction, the new model comes to prefer the better arm; the reports' effective sample size is below the
     * batch size, since π drifts away from μ.
     */
    @Test
    void aReplayedModelLearnsTheBetterArmFromAnotherPolicysLog() {
        List<Step> steps = RecordedBandit.steps(4_000, 0.3, 3L);
        List<TrainingReport> reports = new ArrayList<>();
        Replay.Updates collect = new Replay.Updates() {
            @Override
            public void initial(PolicySnapshot versionZero) {
                assertEquals(0L, versionZero.getVersion());
            }

            @Override
            public void updated(PolicyTrainer.Outcome outcome) {
                reports.add(outcome.report());
            }
        };

        Replay.Result result = Replay.run(RecordedBandit.spec("replayed", 50), RecordedBandit.SOURCE,
                RecordedBandit.log(steps), 100_000, collect, read -> { });

        double[] theta = Vectors.toArray(result.finalState().getPolicyParameters());
        double better = Math.exp(ModelSpecs.bind(result.finalState().getSpec()).policy()
                .logProb(theta, new double[] {1.0}, Action.discrete(1)));
        assertTrue(better > 0.9, "pi(better arm) = " + better);
        assertEquals(80, reports.size());
        TrainingReport last = reports.get(reports.size() - 1);
        assertTrue(last.getEffectiveSampleSize() < 0.9 * last.getSteps(), "ESS " + last.getEffectiveSampleSize());
        assertEquals(0L, last.getMaxStaleness());
        assertEquals(4_000L, result.stepsTrained());
    }

    @Test
    void aReplayNeedsANewModelId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Replay.run(
                RecordedBandit.spec(RecordedBandit.SOURCE, 10), RecordedBandit.SOURCE,
                RecordedBandit.log(RecordedBandit.steps(10, 0.5, 1L)), 100_000, IGNORE, read -> { }));
        assertEquals("replay trains a new model: its id must differ from the recorded model's (bandit-live)",
                e.getMessage());
    }

    @Test
    void aDifferentSeedGivesDifferentParameters() {
        List<Step> steps = RecordedBandit.steps(200, 0.3, 1L);
        Replay.Result a = Replay.run(RecordedBandit.spec("a", 20), RecordedBandit.SOURCE, RecordedBandit.log(steps),
                100_000, IGNORE, read -> { });
        Replay.Result b = Replay.run(SpecOverrides.apply(RecordedBandit.spec("a", 20), "a", null, 12L, null,
                Map.of()), RecordedBandit.SOURCE, RecordedBandit.log(steps), 100_000, IGNORE, read -> { });

        assertNotEquals(a.finalState().getPolicyParameters(), b.finalState().getPolicyParameters());
    }
}
