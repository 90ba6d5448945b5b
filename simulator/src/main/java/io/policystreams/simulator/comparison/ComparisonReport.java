package io.policystreams.simulator.comparison;

import io.policystreams.charts.Chart;
import io.policystreams.policy.evaluation.MeanInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A comparison as a Markdown table (contenders by load) and as a plot of the metric against the load. */
public final class ComparisonReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;

    private ComparisonReport() {
    }

    /**
     * Mean ± 95% half-width per contender and load; then each learned policy's paired gain on the best heuristic
     * and on the reference heuristic, in percent of theirs (positive: the learned policy is better).
     */
    public static String markdown(ComparisonResult result) {
        List<Double> loads = result.loads();
        int sequences = result.entries().get(0).scores().length;
        StringBuilder table = new StringBuilder();
        table.append(String.format("%s: %s over %d sequences, 95%% confidence intervals%n%n", result.title(),
                result.metric(), sequences));
        table.append("| ").append(result.metric()).append(" |");
        loads.forEach(load -> table.append(String.format(" load %.2f |", load)));
        table.append("%n| ---".formatted()).append(" | ---".repeat(loads.size())).append(" |%n".formatted());
        for (String contender : result.contenders()) {
            table.append("| ").append(contender).append(" |");
            for (double load : loads) {
                ComparisonResult.Entry entry = result.entry(load, contender);
                MeanInterval interval = entry.interval();
                String format = Math.abs(interval.mean()) >= 100 ? " %.0f ± %.0f" : " %.2f ± %.2f";
                table.append(String.format(format, interval.mean(), interval.halfWidth()));
                if (entry.unfinished() > 0) {
                    table.append(String.format(" (%d unfinished)", entry.unfinished()));
                }
                table.append(" |");
            }
            table.append("%n".formatted());
        }
        for (String contender : result.contenders()) {
            if (!ComparisonResult.isLearned(contender)) {
                continue;
            }
            table.append("| ").append(contender).append(" vs best heuristic |");
            for (double load : loads) {
                table.append(gain(result.improvementOverBestHeuristic(load, contender), true));
            }
            table.append("%n| ".formatted()).append(contender).append(" vs ").append(result.reference()).append(" |");
            for (double load : loads) {
                table.append(gain(result.improvement(load, contender, result.reference()), false));
            }
            table.append("%n".formatted());
        }
        return table.toString();
    }

    private static String gain(ComparisonResult.Improvement gain, boolean namingTheHeuristic) {
        return String.format(" %+.1f%% ± %.1f%%%s |", gain.percent(), gain.halfWidthPercent(),
                namingTheHeuristic ? " (" + gain.over() + ")" : "");
    }

    /** Writes {@code comparison.md} (the table) and {@code comparison.png} and {@code .svg} (the plot) into {@code folder}. */
    public static void write(ComparisonResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("comparison.md"), markdown(result));
        writeChart(result, folder);
    }

    /**
     * The metric against the load, one line per contender (learned ones bold), 95% intervals as error bars; the
     * PNG's path. Means spread over more than a factor of 20 (random placement against the rest) get a log scale,
     * on which an interval reaching zero is drawn shortened to half its mean.
     */
    public static Path writeChart(ComparisonResult result, Path folder) throws IOException {
        double[] loads = result.loads().stream().mapToDouble(Double::doubleValue).toArray();
        double largest = result.entries().stream().mapToDouble(e -> e.interval().upper()).max().orElse(1.0);
        double smallestMean = result.entries().stream().mapToDouble(e -> e.interval().mean()).min().orElse(0.0);
        boolean log = smallestMean > 0 && largest / smallestMean > 20;
        Chart chart = Chart.of(result.title(), "offered load", result.metric() + (log ? " (log scale)" : "")
                + ", lower is better, 95% intervals", WIDTH, HEIGHT);
        if (log) {
            chart.logarithmicY();
        }
        for (String contender : result.contenders()) {
            double[] means = new double[loads.length];
            double[] halfWidths = new double[loads.length];
            for (int i = 0; i < loads.length; i++) {
                MeanInterval interval = result.entry(loads[i], contender).interval();
                means[i] = interval.mean();
                halfWidths[i] = log ? Math.min(interval.halfWidth(), interval.mean() / 2) : interval.halfWidth();
            }
            chart.meansWithErrorBars(contender, loads, means, halfWidths, ComparisonResult.isLearned(contender));
        }
        return chart.write(folder, "comparison");
    }
}
