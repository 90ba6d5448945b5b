package io.policystreams.app.processor;

import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.TrainingReport;

/** A new policy version for the policies topic, with the report of the update that made it (none for version 0). */
public record PolicyUpdate(PolicySnapshot snapshot, TrainingReport report) {

    public static PolicyUpdate initial(PolicySnapshot snapshot) {
        return new PolicyUpdate(snapshot, null);
    }

    public boolean hasReport() {
        return report != null;
    }
}
