package io.policystreams.replay.episodes;

import io.policystreams.binding.Trajectories;
import io.policystreams.learning.EpisodeRules;
import io.policystreams.learning.StepRules;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live assembler's rules, in memory, for a recorded log: one model's steps are checked with the learner's
 * {@link StepRules} against the spec they will be trained or evaluated with, then joined by {@link EpisodeRules}:
 * duplicates are ignored, out-of-order steps placed by index, and an episode is complete once its end step and every
 * step before it are in. Records that break a rule are rejected with their reason; episodes still incomplete at the
 * end of the log are counted.
 */
public final class OfflineEpisodes {

    private final String sourceModelId;
    private final ModelSpec spec;
    private final StepRules rules;
    private final Map<String, TreeMap<Integer, Step>> pending = new HashMap<>();
    /** End step index of each completed episode, to tell late duplicates from steps after the end. */
    private final Map<String, Integer> completed = new HashMap<>();
    private final Rejections rejections = new Rejections();
    private long otherModels;
    private long duplicates;

    /**
     * @param sourceModelId the model whose recorded steps are assembled; other models' steps are skipped
     * @param spec          the spec the steps are checked against (observation size, action space)
     */
    public OfflineEpisodes(String sourceModelId, ModelSpec spec, int maxEpisodeSteps) {
        this.sourceModelId = sourceModelId;
        this.spec = spec;
        this.rules = new StepRules(maxEpisodeSteps);
    }

    /** Takes one record; returns the episode it completes, or null. */
    public Episode add(LoggedStep record) {
        if (!record.isDecoded()) {
            rejections.add(record.position(), record.rejection());
            return null;
        }
        Step step = record.step();
        if (!sourceModelId.equals(step.getModelId())) {
            otherModels++;
            return null;
        }
        String violation = rules.violation(record.key(), step, spec).orElse(null);
        if (violation != null) {
            rejections.add(record.position(), violation);
            return null;
        }
        String episodeId = step.getEpisodeId();
        Integer completedEnd = completed.get(episodeId);
        TreeMap<Integer, Step> steps = pending.get(episodeId);
        String misplaced = EpisodeRules.violation(progress(completedEnd, steps, step), step).orElse(null);
        if (misplaced != null) {
            rejections.add(record.position(), misplaced);
            return null;
        }
        if (completedEnd != null || steps != null && steps.containsKey(step.getStepIndex())) {
            duplicates++;
            return null;
        }
        steps = pending.computeIfAbsent(episodeId, id -> new TreeMap<>());
        steps.put(step.getStepIndex(), step);
        int endIndex = endIndex(steps);
        if (!EpisodeRules.isComplete(endIndex, steps.size())) {
            return null;
        }
        pending.remove(episodeId);
        completed.put(episodeId, endIndex);
        return new Episode(sourceModelId, episodeId, new ArrayList<>(steps.values()), List.of());
    }

    /** The episode {@code step} joins: completed, with steps pending, or new. */
    private EpisodeRules.Progress progress(Integer completedEnd, TreeMap<Integer, Step> steps, Step step) {
        if (completedEnd != null) {
            return new EpisodeRules.Progress(sourceModelId, completedEnd, completedEnd);
        }
        return steps == null ? EpisodeRules.Progress.before(step)
                : new EpisodeRules.Progress(sourceModelId, endIndex(steps), steps.lastKey());
    }

    /** The index of the step that ended the episode, or -1: only the last step received may end it. */
    private static int endIndex(TreeMap<Integer, Step> steps) {
        Step last = steps.lastEntry().getValue();
        return Trajectories.ends(last) ? last.getStepIndex() : -1;
    }

    public Rejections rejections() {
        return rejections;
    }

    /** Episodes with steps received but not complete (so far; at the end of the log, never). */
    public int incomplete() {
        return pending.size();
    }

    public long otherModels() {
        return otherModels;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Episodes completed so far. */
    public int completed() {
        return completed.size();
    }
}
