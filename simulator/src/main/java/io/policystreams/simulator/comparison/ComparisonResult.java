package io.policystreams.simulator.comparison;

import io.policystreams.policy.evaluation.MeanInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every contender's score on every sequence at every load; lower scores are better. {@code reference} names the
 * heuristic the learned policy is compared with directly, besides the best heuristic of each load.
 */
public record ComparisonResult(String title, String metric, String reference, List<Entry> entries) {

    public ComparisonResult {
        entries = List.copyOf(entries);
    }

    /**
     * One contender at one load.
     *
     * @param scores     the metric per sequence, sequence k the same job stream for every contender
     * @param unfinished jobs unfinished at the episodes' ends, summed over the sequences
     */
    public record Entry(double load, String contender, double[] scores, int unfinished) {

        public MeanInterval interval() {
            return MeanInterval.of(scores);
        }
    }

    /**
     * How much lower a contender's metric is than another's on the same sequences, in percent of the other's
     * mean: 100 · mean_k(other_k − this_k) / mean(other), with the paired 95% interval.
     */
    public record Improvement(double load, String contender, String over, double percent, double halfWidthPercent) {
    }

    public List<Double> loads() {
        return entries.stream().map(Entry::load).distinct().toList();
    }

    public List<String> contenders() {
        return entries.stream().map(Entry::contender).distinct().toList();
    }

    public Entry entry(double load, String contender) {
        return entries.stream().filter(e -> e.load() == load && e.contender().equals(contender)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + contender + " at load " + load));
    }

    /** Whether a contender is the learned policy (its name begins "learned") rather than a heuristic. */
    public static boolean isLearned(String contender) {
        return contender.startsWith("learned");
    }

    /** The heuristic of the lowest mean at this load. */
    public Entry bestHeuristic(double load) {
        return entries.stream().filter(e -> e.load() == load && !isLearned(e.contender()))
                .min(Comparator.comparingDouble(e -> e.interval().mean()))
                .orElseThrow(() -> new IllegalArgumentException("no heuristic at load " + load));
    }

    /** The contender's paired improvement over the best heuristic at this load. */
    public Improvement improvementOverBestHeuristic(double load, String contender) {
        return improvement(load, contender, bestHeuristic(load).contender());
    }

    public Improvement improvement(double load, String contender, String over) {
        double[] mine = entry(load, contender).scores();
        double[] theirs = entry(load, over).scores();
        double[] gains = new double[mine.length];
        for (int k = 0; k < mine.length; k++) {
            gains[k] = theirs[k] - mine[k];
        }
        MeanInterval gain = MeanInterval.of(gains);
        double base = MeanInterval.of(theirs).mean();
        return new Improvement(load, contender, over, 100.0 * gain.mean() / base, 100.0 * gain.halfWidth() / base);
    }

    /** Improvements of every learned contender over the best heuristic and over the reference, load by load. */
    public List<Improvement> learnedImprovements() {
        List<Improvement> improvements = new ArrayList<>();
        for (double load : loads()) {
            for (String contender : contenders()) {
                if (isLearned(contender)) {
                    improvements.add(improvementOverBestHeuristic(load, contender));
                    improvements.add(improvement(load, contender, reference));
                }
            }
        }
        return improvements;
    }
}
