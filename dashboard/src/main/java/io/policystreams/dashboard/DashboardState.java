package io.policystreams.dashboard;

import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.schemas.TrainingReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What the dashboard shows, built from the reports and dead-letter topics as they are read: per model, one point
 * per update (its version and statistics), the current version and when it was made; the dead letters counted by
 * reason class, and the latest few. A model's points are thinned (every other one dropped) when they reach
 * {@value #MAX_POINTS}, so a long run's curve keeps its shape in bounded memory. Written by the reading thread,
 * read by the HTTP threads: every method is synchronized.
 */
final class DashboardState {

    static final int MAX_POINTS = 4_000;
    static final int LATEST_DEAD_LETTERS = 10;

    /** One update of a model, as the page draws it. */
    record Point(long version, long createdAt, double meanReturn, double maxReturn, double policyLoss,
                 double valueLoss, double entropy, double approxKl, Double effectiveSampleSize, double clipFraction,
                 int steps) {
    }

    /** A model's curve and facts. */
    record Model(String modelId, long version, Long lastUpdate, int failedUpdates, boolean modelFailed,
                 List<Point> points) {
    }

    /** One dead letter: when, why, and where its input was read. */
    record DeadLetter(long timestamp, String reason, String message, String source) {
    }

    record DeadLetters(long total, Map<String, Long> byReason, List<DeadLetter> latest) {
    }

    /** The whole page's data at {@code now}. */
    record Snapshot(long now, List<Model> models, DeadLetters deadLetters) {
    }

    private static final class Curve {
        final List<Point> points = new ArrayList<>();
        long version;
        Long lastUpdate;
        int failedUpdates;
        boolean modelFailed;
    }

    private final Map<String, Curve> curves = new TreeMap<>();
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private final Deque<DeadLetter> latestDeadLetters = new ArrayDeque<>();
    private long deadLetterTotal;

    synchronized void report(TrainingReport report) {
        Curve curve = curves.computeIfAbsent(report.getModelId(), id -> new Curve());
        long createdAt = report.getCreatedAt().toEpochMilli();
        curve.version = Math.max(curve.version, report.getVersion());
        curve.lastUpdate = curve.lastUpdate == null ? createdAt : Math.max(curve.lastUpdate, createdAt);
        if (report.getFailure() != null) {
            curve.failedUpdates++;
            curve.modelFailed |= report.getModelFailed();
            return;
        }
        curve.points.add(new Point(report.getVersion(), createdAt, report.getMeanReturn(), report.getMaxReturn(),
                report.getPolicyLoss(), report.getValueLoss(), report.getEntropy(), report.getApproxKl(),
                report.getEffectiveSampleSize(), report.getClipFraction(), report.getSteps()));
        if (curve.points.size() >= MAX_POINTS) {
            thin(curve.points);
        }
    }

    /** Drops every other point but the last. */
    private static void thin(List<Point> points) {
        Point last = points.get(points.size() - 1);
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i += 2) {
            kept.add(points.get(i));
        }
        kept.add(last);
        points.clear();
        points.addAll(kept);
    }

    synchronized void deadLetter(ConsumerRecord<?, ?> record) {
        String exception = header(record, DeadLetterHeaders.EXCEPTION);
        String reason = exception == null ? "unknown" : DeadLetterHeaders.reasonClass(exception);
        deadLetterTotal++;
        deadLettersByReason.merge(reason, 1L, Long::sum);
        String topic = header(record, DeadLetterHeaders.TOPIC);
        String source = topic == null ? "" : topic + "-" + header(record, DeadLetterHeaders.PARTITION) + "@"
                + header(record, DeadLetterHeaders.OFFSET);
        String message = header(record, DeadLetterHeaders.MESSAGE);
        latestDeadLetters.addFirst(new DeadLetter(record.timestamp(), reason, message == null ? "" : message, source));
        while (latestDeadLetters.size() > LATEST_DEAD_LETTERS) {
            latestDeadLetters.removeLast();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    synchronized Snapshot snapshot(long now) {
        List<Model> models = new ArrayList<>();
        curves.forEach((id, curve) -> models.add(new Model(id, curve.version, curve.lastUpdate, curve.failedUpdates,
                curve.modelFailed, List.copyOf(curve.points))));
        return new Snapshot(now, models, new DeadLetters(deadLetterTotal, new LinkedHashMap<>(deadLettersByReason),
                List.copyOf(latestDeadLetters)));
    }
}
