package io.policystreams.binding;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.Step;
import java.util.Comparator;
import java.util.List;

/** A complete episode of Steps as the learner's Trajectory. */
public final class Trajectories {

    private Trajectories() {
    }

    /**
     * The steps, ordered by step index, as one trajectory. Their indices must be consecutive (k..k+T−1; k is 0
     * for a whole episode, above 0 when the learner dropped a stale start), and only the last may be terminated
     * or truncated (it must be one of them); a truncated last step must carry nextObservation.
     */
    public static Trajectory fromSteps(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an episode needs at least one step");
        }
        List<Step> ordered = steps.stream().sorted(Comparator.comparingInt(Step::getStepIndex)).toList();
        int length = ordered.size();
        int first = ordered.get(0).getStepIndex();
        double[][] observations = new double[length][];
        Action[] actions = new Action[length];
        double[] rewards = new double[length];
        double[] behaviourLogProbs = new double[length];
        ActionMask[] masks = new ActionMask[length];
        for (int t = 0; t < length; t++) {
            Step step = ordered.get(t);
            if (step.getStepIndex() != first + t) {
                throw new IllegalArgumentException("episode " + step.getEpisodeId() + " expects step index "
                        + (first + t) + ", found " + step.getStepIndex());
            }
            boolean ends = ends(step);
            if (ends != (t == length - 1)) {
                throw new IllegalArgumentException("episode " + step.getEpisodeId() + ": only the last step ("
                        + (first + length - 1) + ") may end it, step " + (first + t) + (ends ? " does" : " does not"));
            }
            observations[t] = Vectors.toArray(step.getObservation());
            actions[t] = Actions.fromAvro(step.getAction());
            rewards[t] = step.getReward();
            behaviourLogProbs[t] = step.getBehaviourLogProb();
            masks[t] = Actions.maskFromAvro(step.getActionMask());
        }
        Step last = ordered.get(length - 1);
        double[] finalObservation = last.getNextObservation() == null ? null
                : Vectors.toArray(last.getNextObservation());
        return new Trajectory(observations, actions, rewards, behaviourLogProbs, last.getTerminated(),
                finalObservation, masks);
    }

    /** Terminated or truncated: the step is its episode's last. */
    public static boolean ends(Step step) {
        return step.getTerminated() || step.getTruncated();
    }
}
