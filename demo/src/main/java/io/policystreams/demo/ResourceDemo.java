package io.policystreams.demo;

import io.policystreams.binding.Actor;
import io.policystreams.commandline.Logging;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.comparison.ComparisonReport;
import io.policystreams.simulator.comparison.ComparisonResult;
import io.policystreams.simulator.comparison.HeuristicComparison;
import io.policystreams.simulator.comparison.Workload;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.PolicyFiles;
import io.policystreams.simulator.runtime.RunSummary;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A resource-management environment trained through the whole Kafka loop (embedded broker, learner, simulator),
 * then its latest policy compared with the environment's heuristics on job sequences it never trained on. Writes
 * the learning curve, the comparison table and plot, and the policy under {@code results/}.
 */
public final class ResourceDemo {

    static final List<Option> OPTIONS = List.of(
            Option.value("--env", "NAME", "scheduling | load-balancing (default scheduling)"),
            Option.value("--max-steps", "N", "environment steps of training (default 2000000)"),
            Option.value("--envs", "N", "environments stepped in lockstep (default 8)"),
            Option.value("--seed", "S", "seed of the model, the training sequences and the sampling (default 1)"),
            Option.value("--loads", "L,...", "loads of the comparison (default: scheduling 0.5,0.7,0.9,1.1,1.3; "
                    + "load-balancing 0.5,0.7,0.9)"),
            Option.value("--sequences", "N", "held-out job sequences per load (default 50)"),
            Option.value("--results", "DIR", "where the curve, the comparison and the policy go (default results)"));

    private ResourceDemo() {
    }

    /** What to run. */
    public record Settings(String environment, long maxSteps, int environments, long seed, List<Double> loads,
                           int sequences, Path results) {
    }

    /** What a run gave: training, the comparison of its latest policy, and where the files went. */
    public record Result(RunSummary summary, PolicySnapshot policy, ComparisonResult comparison, Path folder) {
    }

    /** {@code resource-demo}: a scheduler or balancer trained through an embedded Kafka, then compared. */
    public static Program program() {
        return Program.command("resource-demo", "Trains a resource-management environment (cluster scheduling or "
                + "load balancing) through an embedded Kafka broker, then compares its latest policy with the "
                + "environment's heuristics on held-out job sequences.", OPTIONS, arguments -> {
                    String environment = arguments.get("--env", Environments.SCHEDULING);
                    Settings settings = new Settings(environment, arguments.getLong("--max-steps", 2_000_000),
                            arguments.getInt("--envs", 8), arguments.getLong("--seed", 1L),
                            arguments.getDoubles("--loads", Workload.named(environment).defaultLoads()),
                            arguments.getInt("--sequences", 50), Path.of(arguments.get("--results", "results")));
                    System.setProperty("java.awt.headless", "true");
                    Logging.warningsOnly();
                    run(settings, System.out, System.console() != null);
                    return 0;
                });
    }

    public static void main(String[] args) {
        program().main(args);
    }

    public static Result run(Settings settings, PrintStream out, boolean terminal) throws Exception {
        Workload<?> workload = Workload.named(settings.environment());
        long started = System.nanoTime();
        ModelSpec spec = DefaultModels.forEnvironment(settings.environment(), settings.environment(),
                settings.seed());
        EmbeddedLoop.Training training;
        LearningCurve curve = new LearningCurve();
        try (EmbeddedLoop loop = EmbeddedLoop.start(out, settings.results(), 0)) {
            out.printf("Declaring model %s (%s, policy MLP %s, batches of %d steps); training for %,d env steps%n",
                    spec.getModelId(), spec.getAlgorithm(), spec.getPolicyNetwork().getHiddenSizes(),
                    spec.getHyperparameters().getBatchSteps(), settings.maxSteps());
            SimulatorSettings simulator = new SimulatorSettings(settings.environment(), "demo",
                    settings.environments(), settings.seed(), 0, settings.maxSteps(), Double.NaN,
                    SimulatorSettings.DEFAULT_RETURN_WINDOW, spec.getHyperparameters().getBatchSteps(),
                    Duration.ofMinutes(2));
            ProgressLine progress = new ProgressLine(out, terminal);
            training = loop.train(spec, Environments.named(settings.environment()), simulator,
                    (episodes, envSteps, episodeReturn, length, version, meanReturn) -> {
                        curve.add(new LearningCurve.Point(episodes, envSteps, episodeReturn, meanReturn, version,
                                (System.nanoTime() - started) / 1e9));
                        progress.update(episodes, envSteps, version, meanReturn,
                                SimulatorSettings.DEFAULT_RETURN_WINDOW, Double.NaN);
                    });
            progress.finish();
        }
        RunSummary summary = training.summary();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Trained: %,d env steps, %,d episodes, policy version %d, %.1f s (%,.0f env steps/s)%n",
                summary.steps(), summary.episodes(), training.latestPolicy().getVersion(), seconds,
                summary.steps() / seconds);

        out.printf("Comparing policy version %d with the heuristics on %d held-out sequences per load ...%n",
                training.latestPolicy().getVersion(), settings.sequences());
        ComparisonResult comparison = HeuristicComparison.run(workload, new Actor(training.latestPolicy()),
                settings.loads(), settings.sequences(), settings.seed());
        String table = ComparisonReport.markdown(comparison);
        out.println(table);

        Path folder = settings.results().resolve(settings.environment() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        curve.writeCsv(folder.resolve("learning-curve.csv"));
        curve.writeChart(folder, String.format("%s through Kafka: %,d env steps, %.0f s",
                settings.environment(), summary.steps(), seconds), Double.NaN);
        ComparisonReport.write(comparison, folder);
        PolicyFiles.write(folder.resolve("policy.avro"), training.latestPolicy());
        out.println("Learning curve, comparison (comparison.md, .png, .svg) and policy.avro in " + folder);
        return new Result(summary, training.latestPolicy(), comparison, folder);
    }
}
