package io.policystreams.demo;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Logging;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.comparison.ComparisonReport;
import io.policystreams.simulator.comparison.ComparisonResult;
import io.policystreams.simulator.comparison.HeuristicComparison;
import io.policystreams.simulator.comparison.Workload;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.Actor;
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

    static final String USAGE = """
            usage: java -cp demo/target/policy-streams-demo.jar io.policystreams.demo.ResourceDemo [options]
              --env NAME              scheduling | load-balancing (default scheduling)
              --max-steps N           environment steps of training (default 2000000)
              --envs N                environments stepped in lockstep (default 8)
              --seed S                seed of the model, the training sequences and the sampling (default 1)
              --loads L,...           loads of the comparison (default: scheduling 0.5,0.7,0.9,1.1,1.3;
                                      load-balancing 0.5,0.7,0.9)
              --sequences N           held-out job sequences per load (default 50)
              --results DIR           where the curve, the comparison and the policy go (default results)
              --verbose               every library's log lines too
            """;

    private ResourceDemo() {
    }

    /** What to run. */
    public record Settings(String environment, long maxSteps, int environments, long seed, List<Double> loads,
                           int sequences, Path results) {
    }

    /** What a run gave: training, the comparison of its latest policy, and where the files went. */
    public record Result(RunSummary summary, PolicySnapshot policy, ComparisonResult comparison, Path folder) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings settings;
        try {
            Arguments arguments = new Arguments(args, Arguments.names("--env", "--max-steps", "--envs", "--seed",
                    "--loads", "--sequences", "--results"), Arguments.names(), USAGE);
            String environment = arguments.get("--env", Environments.SCHEDULING);
            settings = new Settings(environment, arguments.getLong("--max-steps", 2_000_000),
                    arguments.getInt("--envs", 8), arguments.getLong("--seed", 1L),
                    arguments.getDoubles("--loads", Workload.named(environment).defaultLoads()),
                    arguments.getInt("--sequences", 50), Path.of(arguments.get("--results", "results")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Logging.warningsOnly();
        run(settings, System.out, System.console() != null);
    }

    public static Result run(Settings settings, PrintStream out, boolean terminal) throws Exception {
        Workload<?> workload = Workload.named(settings.environment());
        long started = System.nanoTime();
        ModelSpec spec = DefaultModels.forEnvironment(settings.environment(), settings.environment(),
                settings.seed());
        EmbeddedLoop.Training training;
        LearningCurve curve = new LearningCurve();
        try (EmbeddedLoop loop = EmbeddedLoop.start(out, settings.results())) {
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
