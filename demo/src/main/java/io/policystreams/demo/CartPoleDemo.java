package io.policystreams.demo;

import io.policystreams.commandline.Logging;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.RunSummary;
import io.policystreams.simulator.runtime.Simulator;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The whole loop in one process: an embedded single-node Kafka (KRaft), the learner (the streams application,
 * unchanged), and a simulator of N CartPole-v1 environments acting from the latest policy. Trains until the mean
 * return of the last 100 episodes reaches 475, then prints what it took and writes the learning curve as CSV
 * and PNG under {@code results/}.
 */
public final class CartPoleDemo {

    static final List<Option> OPTIONS = List.of(
            Option.value("--target", "R", "mean return to reach (default 475)"),
            Option.value("--window", "N", "episodes in the mean (default 100)"),
            Option.value("--max-steps", "N", "give up after N environment steps (default 500000)"),
            Option.value("--envs", "N", "CartPole instances stepped in lockstep (default 8)"),
            Option.value("--seed", "S", "seed of the model, the resets and the sampling (default 1)"),
            Option.value("--results", "DIR", "where the learning curve goes (default results)"),
            Option.value("--http-port", "PORT", "serve the dashboard and /metrics there (default 0: a free port, "
                    + "printed; -1: none)"));

    private CartPoleDemo() {
    }

    /** What to run. */
    public record Settings(double target, int window, long maxSteps, int environments, long seed, Path results,
                           int httpPort) {
    }

    /**
     * What a run took.
     *
     * @param stepsToTarget env steps when the mean return first reached the target (or all, if it did not)
     * @param timeToTarget  wall time from the start, broker start-up included, until then
     */
    public record Result(RunSummary summary, long stepsToTarget, Duration timeToTarget, Path csv, Path png) {
    }

    /** {@code demo}: CartPole learns through an embedded Kafka; exit status 0 when solved, 1 when not. */
    public static Program program() {
        return Program.command("demo", "The whole loop in one process: an embedded Kafka broker, the learner and "
                + "CartPole-v1 simulators; trains until the mean return reaches the target, prints what it took and "
                + "writes the learning curve.", OPTIONS, arguments -> {
                    Settings settings = new Settings(arguments.getDouble("--target", 475.0),
                            arguments.getInt("--window", 100), arguments.getLong("--max-steps", 500_000),
                            arguments.getInt("--envs", 8), arguments.getLong("--seed", 1L),
                            Path.of(arguments.get("--results", "results")), arguments.getInt("--http-port", 0));
                    System.setProperty("java.awt.headless", "true");
                    Logging.warningsOnly();
                    return run(settings, System.out, System.console() != null).summary().reachedTarget() ? 0 : 1;
                });
    }

    public static void main(String[] args) {
        program().main(args);
    }

    public static Result run(Settings settings, PrintStream out, boolean terminal) throws Exception {
        long started = System.nanoTime();
        try (EmbeddedLoop loop = EmbeddedLoop.start(out, settings.results(), settings.httpPort())) {
            return train(loop, settings, out, terminal, started);
        }
    }

    private static Result train(EmbeddedLoop loop, Settings settings, PrintStream out, boolean terminal,
                                long started) throws Exception {
        ModelSpec spec = DefaultModels.forEnvironment(Environments.CARTPOLE, "cartpole", settings.seed());
        out.printf("Declaring model cartpole (%s, policy and value MLPs %s, batches of %d steps); training until the "
                + "mean return of the last %d episodes reaches %.0f%n", spec.getAlgorithm(),
                spec.getPolicyNetwork().getHiddenSizes(), spec.getHyperparameters().getBatchSteps(),
                settings.window(), settings.target());

        SimulatorSettings simulator = new SimulatorSettings("cartpole", "demo", settings.environments(),
                settings.seed(), 0, settings.maxSteps(), settings.target(), settings.window(),
                spec.getHyperparameters().getBatchSteps(), Duration.ofMinutes(1));
        LearningCurve curve = new LearningCurve();
        ProgressLine progress = new ProgressLine(out, terminal);
        long[] reachedAt = {0L};
        RunSummary summary = loop.train(spec, Environments.named(Environments.CARTPOLE), simulator,
                (episodes, envSteps, episodeReturn, length, version, meanReturn) -> {
                    curve.add(new LearningCurve.Point(episodes, envSteps, episodeReturn, meanReturn, version,
                            (System.nanoTime() - started) / 1e9));
                    progress.update(episodes, envSteps, version, meanReturn, settings.window(), settings.target());
                    if (reachedAt[0] == 0L && episodes >= settings.window() && meanReturn >= settings.target()) {
                        reachedAt[0] = System.nanoTime();
                    }
                }).summary();
        progress.finish();
        Duration wallTime = Duration.ofNanos((reachedAt[0] == 0L ? System.nanoTime() : reachedAt[0]) - started);
        long stepsToTarget = Math.min(summary.steps(), summary.stoppedAtSteps());

        Path folder = settings.results().resolve("cartpole-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        Path csv = folder.resolve("learning-curve.csv");
        curve.writeCsv(csv);
        Path png = curve.writeChart(folder, String.format("CartPole-v1 through Kafka: %s after %,d env steps, %.1f s",
                summary.reachedTarget() ? "solved" : "not solved", stepsToTarget, wallTime.toMillis() / 1e3),
                settings.target());

        out.println(summary.reachedTarget() ? "Solved." : "Not solved within " + settings.maxSteps() + " env steps.");
        out.printf("| env steps | episodes | policy versions | mean return (last %d) | wall time (broker included) "
                + "| env steps/s |%n| --- | --- | --- | --- | --- | --- |%n", settings.window());
        out.printf("| %,d | %,d | %d | %.1f | %.1f s | %,.0f |%n", stepsToTarget, summary.episodes(),
                summary.finalVersion(), summary.meanReturn(), wallTime.toMillis() / 1e3,
                stepsToTarget / (wallTime.toNanos() / 1e9));
        out.println("Learning curve: " + csv + " and " + png);
        return new Result(summary, stepsToTarget, wallTime, csv, png);
    }
}
