package io.policystreams.demo;

import io.policystreams.charts.Chart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every episode of a run, written as CSV and drawn as a chart (episode returns and their moving mean). */
public final class LearningCurve {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private final List<Point> points = new ArrayList<>();

    /** One finished episode. */
    public record Point(long episode, long envSteps, double episodeReturn, double meanReturn, long policyVersion,
                       double seconds) {
    }

    public void add(Point point) {
        points.add(point);
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    public void writeCsv(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("episode,env_steps,return,mean_return,policy_version,seconds");
            for (Point p : points) {
                out.printf("%d,%d,%.1f,%.3f,%d,%.3f%n", p.episode(), p.envSteps(), p.episodeReturn(), p.meanReturn(),
                        p.policyVersion(), p.seconds());
            }
        }
    }

    /**
     * Returns against env steps, written as {@code learning-curve.png} and {@code .svg} into {@code folder}: each
     * episode as a dot, the moving mean as a line, the target (unless NaN) dashed. The PNG's path.
     */
    public Path writeChart(Path folder, String title, double target) throws IOException {
        double[] steps = points.stream().mapToDouble(Point::envSteps).toArray();
        Chart chart = Chart.of(title, "environment steps", "episode return", WIDTH, HEIGHT)
                .dots("episode return", steps, points.stream().mapToDouble(Point::episodeReturn).toArray())
                .line("mean of the last episodes", steps, points.stream().mapToDouble(Point::meanReturn).toArray(),
                        true);
        if (!Double.isNaN(target)) {
            chart.dashedLevel(String.format("target %.0f", target), target, 0, steps.length == 0 ? 1
                    : steps[steps.length - 1]);
        }
        return chart.write(folder, "learning-curve");
    }
}
