package io.policystreams.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Every episode of a run, written as CSV and drawn as a PNG (episode returns and their moving mean). */
public final class LearningCurve {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int MARGIN = 70;

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

    /** Returns against env steps: each episode as a dot, the moving mean as a line, the target (unless NaN) dashed. */
    public void writePng(Path file, String title, double target) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double maxSteps = Math.max(1, points.isEmpty() ? 1 : points.get(points.size() - 1).envSteps());
        boolean hasTarget = !Double.isNaN(target);
        double maxReturn = points.stream().mapToDouble(Point::episodeReturn).max().orElse(1.0);
        double minReturn = points.stream().mapToDouble(Point::episodeReturn).min().orElse(0.0);
        if (hasTarget) {
            maxReturn = Math.max(maxReturn, target);
            minReturn = Math.min(minReturn, target);
        }
        double high = maxReturn > 0 ? maxReturn * 1.05 : 0.0;
        double low = Math.min(0.0, minReturn * 1.05);
        Axes axes = new Axes(maxSteps, low, high > low ? high : low + 1.0);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(MARGIN, MARGIN / 2, WIDTH - 3 * MARGIN / 2, HEIGHT - 3 * MARGIN / 2);
        for (int i = 0; i <= 5; i++) {
            double steps = maxSteps * i / 5;
            double value = axes.minY + (axes.maxY - axes.minY) * i / 5;
            g.drawString(String.format("%,.0f", steps), axes.x(steps) - 15, HEIGHT - MARGIN + 18);
            g.drawString(String.format("%.0f", value), MARGIN - 40, axes.y(value) + 4);
        }
        g.drawString("environment steps", WIDTH / 2 - 50, HEIGHT - 15);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        vertical.drawString("episode return (dots), mean of the last episodes (line), target (dashed)",
                -HEIGHT + MARGIN, 16);
        vertical.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN + 10, MARGIN / 2 - 10);

        g.setColor(new Color(120, 160, 220));
        for (Point p : points) {
            g.fillOval(axes.x(p.envSteps()) - 1, axes.y(p.episodeReturn()) - 1, 3, 3);
        }
        if (hasTarget) {
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 6f}, 0f));
            g.drawLine(axes.x(0), axes.y(target), axes.x(maxSteps), axes.y(target));
        }
        g.setColor(new Color(20, 60, 140));
        g.setStroke(new BasicStroke(2.5f));
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            g.drawLine(axes.x(a.envSteps()), axes.y(a.meanReturn()), axes.x(b.envSteps()), axes.y(b.meanReturn()));
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Data to pixel coordinates. */
    private record Axes(double maxX, double minY, double maxY) {
        int x(double steps) {
            return MARGIN + (int) Math.round((WIDTH - 3 * MARGIN / 2.0) * steps / maxX);
        }

        int y(double value) {
            return HEIGHT - MARGIN - (int) Math.round((HEIGHT - 3 * MARGIN / 2.0) * (value - minY) / (maxY - minY));
        }
    }
}
