package io.policystreams.simulator.comparison;

import io.policystreams.policy.evaluation.MeanInterval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A comparison as a Markdown table (contenders by load) and as a PNG plot of the metric against the load. */
public final class ComparisonReport {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {new Color(200, 40, 40), new Color(240, 140, 40), new Color(20, 60, 140),
        new Color(40, 150, 70), new Color(130, 70, 170), new Color(120, 120, 120), new Color(0, 160, 170)};

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

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }

    /** Writes {@code comparison.md} (the table) and {@code comparison.png} (the plot) into {@code folder}. */
    public static void write(ComparisonResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("comparison.md"), markdown(result));
        writePng(result, folder.resolve("comparison.png"));
    }

    /** The metric against the load, one line per contender, 95% intervals as error bars. */
    public static void writePng(ComparisonResult result, Path file) throws IOException {
        List<Double> loads = result.loads();
        double minX = loads.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double maxX = loads.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (maxX == minX) {
            minX -= 0.1;
            maxX += 0.1;
        }
        double maxY = result.entries().stream().mapToDouble(e -> e.interval().upper()).max().orElse(1.0) * 1.05;
        double smallestMean = result.entries().stream().mapToDouble(e -> e.interval().mean()).min().orElse(0.0);
        // Means spread over more than a factor of 20 (random placement against the rest): a log scale.
        boolean log = smallestMean > 0 && maxY / smallestMean > 20;
        double minY = log ? smallestMean / 1.5
                : Math.min(0.0, result.entries().stream().mapToDouble(e -> e.interval().lower()).min().orElse(0));
        Axes axes = new Axes(minX, maxX, minY, maxY, log);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        for (double load : loads) {
            g.drawString(String.format("%.2f", load), axes.x(load) - 12, HEIGHT - BOTTOM + 18);
        }
        for (int i = 0; i <= 5; i++) {
            double value = log ? minY * Math.pow(maxY / minY, i / 5.0) : minY + (maxY - minY) * i / 5;
            g.drawString(number(value), LEFT - 50, axes.y(value) + 4);
        }
        g.drawString("offered load", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 30, HEIGHT - 20);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        vertical.drawString(result.metric() + (log ? " (log scale)" : "") + ", lower is better, 95% intervals",
                -HEIGHT + BOTTOM + 40, 20);
        vertical.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(result.title(), LEFT, TOP - 15);

        List<String> contenders = result.contenders();
        for (int c = 0; c < contenders.size(); c++) {
            g.setColor(COLOURS[c % COLOURS.length]);
            g.setStroke(new BasicStroke(ComparisonResult.isLearned(contenders.get(c)) ? 3f : 1.5f));
            int previousX = -1;
            int previousY = -1;
            for (double load : loads) {
                MeanInterval interval = result.entry(load, contenders.get(c)).interval();
                int x = axes.x(load) + (c - contenders.size() / 2) * 3;
                int y = axes.y(interval.mean());
                g.drawLine(x, axes.y(interval.lower()), x, axes.y(interval.upper()));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.fillRect(WIDTH - RIGHT + 20, TOP + 20 + 22 * c, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(contenders.get(c), WIDTH - RIGHT + 40, TOP + 26 + 22 * c);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Data to pixel coordinates. */
    private record Axes(double minX, double maxX, double minY, double maxY, boolean log) {
        int x(double load) {
            double margin = (maxX - minX) * 0.05;
            return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * (load - minX + margin) / (maxX - minX + 2 * margin));
        }

        int y(double value) {
            double fraction = log ? Math.log(Math.max(value, minY) / minY) / Math.log(maxY / minY)
                    : (value - minY) / (maxY - minY);
            return HEIGHT - BOTTOM - (int) Math.round((HEIGHT - TOP - BOTTOM) * fraction);
        }
    }
}
