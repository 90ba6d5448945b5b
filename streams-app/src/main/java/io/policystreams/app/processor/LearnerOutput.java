package io.policystreams.app.processor;

import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;

/**
 * What the declare and learn steps emit, one of: a new policy version for the policies topic, with the report of
 * the update that made it (none for version 0); the report of a failed update alone; or a step to dead-letter,
 * the reason in the record's headers.
 */
public record LearnerOutput(PolicySnapshot snapshot, TrainingReport report, Step rejectedStep) {

    public static LearnerOutput initial(PolicySnapshot snapshot) {
        return new LearnerOutput(snapshot, null, null);
    }

    public static LearnerOutput update(PolicySnapshot snapshot, TrainingReport report) {
        return new LearnerOutput(snapshot, report, null);
    }

    public static LearnerOutput failedUpdate(TrainingReport report) {
        return new LearnerOutput(null, report, null);
    }

    public static LearnerOutput rejected(Step step) {
        return new LearnerOutput(null, null, step);
    }

    public boolean hasSnapshot() {
        return snapshot != null;
    }

    public boolean hasReport() {
        return report != null;
    }

    public boolean isRejectedStep() {
        return rejectedStep != null;
    }
}
