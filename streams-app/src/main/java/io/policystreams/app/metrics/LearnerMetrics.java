package io.policystreams.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.policystreams.schemas.TrainingReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The learner's own metrics, per model (tag {@code model}), in Prometheus' names: each gauge is the value of the
 * model's last update on this instance, the counters count from the learner state's totals, so they survive
 * restarts and never count a step twice. A model's meters live on the instance whose task holds it: they go when
 * the task moves ({@link #forget}). The names, with their help text, are {@link #DOCUMENTED}, the README's list.
 */
public final class LearnerMetrics {

    /**
     * One metric: its Micrometer name, its help, and the suffix Prometheus adds ({@code _total} on a counter,
     * the unit on a timer), declared once for both the registration and the README's list.
     */
    public record Documented(String meter, String help, String suffix) {

        /** The name as scraped: {@code policy_streams_model_steps_consumed_total}. */
        public String name() {
            return meter.replace('.', '_') + suffix;
        }
    }

    private static final Documented VERSION = new Documented("policy.streams.model.version",
            "Latest policy version of the model", "");
    private static final Documented STEPS_CONSUMED = new Documented("policy.streams.model.steps.consumed",
            "Steps the model has been trained on", "_total");
    private static final Documented EPISODES_CONSUMED = new Documented("policy.streams.model.episodes.consumed",
            "Episodes the model has been trained on", "_total");
    private static final Documented UPDATES = new Documented("policy.streams.model.updates",
            "Updates of the model, by outcome (published, failed)", "_total");
    private static final Documented UPDATE_DURATION = new Documented("policy.streams.model.update.duration",
            "How long an update of the model took (a summary: _count, _sum; and _max)", "_seconds");
    private static final Documented EPISODES_WAITING = new Documented("policy.streams.model.episodes.waiting",
            "Episodes being assembled: some steps arrived, not yet the last", "");

    private record ReportGauge(String name, String help, ToDoubleFunction<TrainingReport> value) {
    }

    private static final String MODEL = "model";

    private static final List<ReportGauge> REPORT_GAUGES = List.of(
            new ReportGauge("policy.streams.model.return.mean", "Mean undiscounted return of the last update's "
                    + "episodes", TrainingReport::getMeanReturn),
            new ReportGauge("policy.streams.model.return.max", "Largest episode return of the last update",
                    TrainingReport::getMaxReturn),
            new ReportGauge("policy.streams.model.policy.loss", "Policy (surrogate) loss of the last update",
                    TrainingReport::getPolicyLoss),
            new ReportGauge("policy.streams.model.value.loss", "Value loss of the last update (0 without a value "
                    + "network)", TrainingReport::getValueLoss),
            new ReportGauge("policy.streams.model.entropy", "Mean policy entropy over the last update's batch",
                    TrainingReport::getEntropy),
            new ReportGauge("policy.streams.model.approx.kl", "Approximate KL(old || new) of the last update",
                    TrainingReport::getApproxKl),
            new ReportGauge("policy.streams.model.clip.fraction", "PPO: fraction of clipped ratios in the last "
                    + "update", TrainingReport::getClipFraction),
            new ReportGauge("policy.streams.model.effective.sample.size", "Kish's effective sample size of the "
                    + "last update's importance weights (NaN when unknown)",
                    report -> report.getEffectiveSampleSize() == null ? Double.NaN : report.getEffectiveSampleSize()),
            new ReportGauge("policy.streams.model.staleness.mean.versions", "Mean version lag of the last update's "
                    + "steps behind the learner", TrainingReport::getMeanStaleness),
            new ReportGauge("policy.streams.model.staleness.max.versions", "Largest version lag among the last "
                    + "update's steps", TrainingReport::getMaxStaleness),
            new ReportGauge("policy.streams.model.batch.steps", "Steps trained on in the last update",
                    TrainingReport::getSteps),
            new ReportGauge("policy.streams.model.last.update.timestamp.seconds", "When the last update finished, "
                    + "seconds since the Unix epoch", report -> report.getCreatedAt().toEpochMilli() / 1000.0));

    /** Every metric of the learner, as scraped ({@code _total} on counters, Prometheus' own suffixes). */
    public static final List<Documented> DOCUMENTED = documented();

    private final MeterRegistry registry;
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> waitingEpisodes = new ConcurrentHashMap<>();

    public LearnerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The model as its stored state has it, at the version that consumed these totals. */
    public void known(String modelId, long version, long stepsConsumed, long episodesConsumed) {
        ModelMeters meters = meters(modelId);
        meters.version.set(version);
        meters.stepsConsumed.set(stepsConsumed);
        meters.episodesConsumed.set(episodesConsumed);
    }

    /** A model's new version with its report; {@code took}: the update's duration. */
    public void updated(String modelId, TrainingReport report, long stepsConsumed, long episodesConsumed,
                        Duration took) {
        known(modelId, report.getVersion(), stepsConsumed, episodesConsumed);
        ModelMeters meters = meters(modelId);
        meters.lastReport = report;
        meters.updates.increment();
        meters.updateDuration.record(took);
    }

    /** A failed update of the model: counted, and timed like any other. */
    public void updateFailed(String modelId, long version, Duration took) {
        ModelMeters meters = meters(modelId);
        meters.version.set(version);
        meters.failedUpdates.increment();
        meters.updateDuration.record(took);
    }

    /** Drops the model's meters: its task left this instance. */
    public void forget(String modelId) {
        ModelMeters meters = models.remove(modelId);
        if (meters != null) {
            meters.all.forEach(registry::remove);
        }
    }

    /** {@code change} episodes of the model started (positive) or left (negative) the assembler's buffers. */
    public void episodesWaiting(String modelId, long change) {
        waitingEpisodes.computeIfAbsent(modelId, id -> {
            AtomicLong waiting = new AtomicLong();
            Gauge.builder(EPISODES_WAITING.meter(), waiting, AtomicLong::get).description(EPISODES_WAITING.help())
                    .tag(MODEL, id).register(registry);
            return waiting;
        }).addAndGet(change);
    }

    private ModelMeters meters(String modelId) {
        return models.computeIfAbsent(modelId, id -> new ModelMeters(registry, id));
    }

    private static final class ModelMeters {
        final AtomicLong version = new AtomicLong();
        final AtomicLong stepsConsumed = new AtomicLong();
        final AtomicLong episodesConsumed = new AtomicLong();
        final Counter updates;
        final Counter failedUpdates;
        final Timer updateDuration;
        final List<Meter> all = new ArrayList<>();
        volatile TrainingReport lastReport;

        ModelMeters(MeterRegistry registry, String modelId) {
            all.add(Gauge.builder(VERSION.meter(), version, AtomicLong::get).description(VERSION.help())
                    .tag(MODEL, modelId).register(registry));
            all.add(FunctionCounter.builder(STEPS_CONSUMED.meter(), stepsConsumed, AtomicLong::get)
                    .description(STEPS_CONSUMED.help()).tag(MODEL, modelId).register(registry));
            all.add(FunctionCounter.builder(EPISODES_CONSUMED.meter(), episodesConsumed, AtomicLong::get)
                    .description(EPISODES_CONSUMED.help()).tag(MODEL, modelId).register(registry));
            updates = Counter.builder(UPDATES.meter()).description(UPDATES.help())
                    .tags(MODEL, modelId, "outcome", "published").register(registry);
            failedUpdates = Counter.builder(UPDATES.meter()).description(UPDATES.help())
                    .tags(MODEL, modelId, "outcome", "failed").register(registry);
            updateDuration = Timer.builder(UPDATE_DURATION.meter()).description(UPDATE_DURATION.help())
                    .tag(MODEL, modelId).register(registry);
            all.add(updates);
            all.add(failedUpdates);
            all.add(updateDuration);
            for (ReportGauge gauge : REPORT_GAUGES) {
                all.add(Gauge.builder(gauge.name(), this, meters -> meters.lastReport == null ? Double.NaN
                        : gauge.value().applyAsDouble(meters.lastReport)).description(gauge.help())
                        .tag(MODEL, modelId).register(registry));
            }
        }
    }

    private static List<Documented> documented() {
        List<Documented> documented = new ArrayList<>(List.of(VERSION));
        REPORT_GAUGES.forEach(gauge -> documented.add(new Documented(gauge.name(), gauge.help(), "")));
        documented.addAll(List.of(STEPS_CONSUMED, EPISODES_CONSUMED, UPDATES, UPDATE_DURATION, EPISODES_WAITING,
                DeadLetterMetrics.DEAD_LETTERS));
        return List.copyOf(documented);
    }
}
