package io.policystreams.app.processor;

import io.policystreams.binding.Trajectories;
import io.policystreams.schemas.Step;
import java.util.List;

/** A short description of an incomplete episode's steps: "steps 0-3, 5 received; no step ended it". */
final class EpisodeGaps {

    private EpisodeGaps() {
    }

    /** @param steps ordered by step index, without duplicates, not empty */
    static String describe(List<Step> steps) {
        StringBuilder received = new StringBuilder("steps ");
        int start = 0;
        for (int i = 1; i <= steps.size(); i++) {
            boolean runEnds = i == steps.size()
                    || steps.get(i).getStepIndex() != steps.get(i - 1).getStepIndex() + 1;
            if (runEnds) {
                int first = steps.get(start).getStepIndex();
                int last = steps.get(i - 1).getStepIndex();
                received.append(start > 0 ? ", " : "").append(first).append(first == last ? "" : "-" + last);
                start = i;
            }
        }
        Step last = steps.get(steps.size() - 1);
        boolean ended = Trajectories.ends(last);
        return received + " received; " + (ended ? "step " + last.getStepIndex() + " ended it" : "no step ended it");
    }
}
