package io.policystreams.simulator.cli;

import io.policystreams.binding.Actor;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.ClientOptions;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.comparison.ComparisonReport;
import io.policystreams.simulator.comparison.ComparisonResult;
import io.policystreams.simulator.comparison.HeuristicComparison;
import io.policystreams.simulator.comparison.Workload;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.ActorMetrics;
import io.policystreams.simulator.runtime.DefaultModels;
import io.policystreams.simulator.runtime.EpisodeListener;
import io.policystreams.simulator.runtime.Evaluation;
import io.policystreams.simulator.runtime.KafkaStepSink;
import io.policystreams.simulator.runtime.ModelDeclaration;
import io.policystreams.simulator.runtime.PolicyFiles;
import io.policystreams.simulator.runtime.PolicyFollower;
import io.policystreams.simulator.runtime.RunSummary;
import io.policystreams.simulator.runtime.Simulator;
import io.policystreams.simulator.runtime.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a process of its own, against any cluster the learner runs on: {@code simulate} trains
 * (publishes steps acted by the latest policy) or, with {@code --evaluate K}, runs the latest policy for K episodes
 * without publishing and prints the mean return; {@code compare} runs it against the heuristics.
 */
public final class SimulatorMain {

    private static final List<Option> ACTING = List.of(
            Option.value("--env", "NAME", "cartpole | bandit | contextual-bandit | scheduling | load-balancing "
                    + "(default cartpole)"),
            Option.value("--model-id", "ID", "model to act for (default: the environment's name)"),
            Option.value("--seed", "S", "seed of resets and sampling (default 1)"));

    /** {@code simulate}'s options: acting, stopping, evaluating, and the cluster's. */
    static final List<Option> OPTIONS = ClientOptions.plus(concat(ACTING, List.of(
            Option.flag("--declare", "first publish the environment's default ModelSpec"),
            Option.value("--envs", "N", "environments stepped in lockstep (default 8)"),
            Option.value("--episodes", "N", "stop after N episodes"),
            Option.value("--max-steps", "N", "stop after N environment steps"),
            Option.value("--target-return", "R", "stop once the mean return of the last --window episodes "
                    + "reaches R"),
            Option.value("--window", "N", "episodes in the moving mean (default 100)"),
            Option.value("--steps-per-version", "N", "pause finished environments after N steps on one version "
                    + "(default 0)"),
            Option.value("--evaluate", "K", "run the latest policy for K episodes, publish nothing, print the mean"),
            Option.flag("--greedy", "with --evaluate: act by the most likely action"))));

    /** {@code compare}'s options. */
    static final List<Option> COMPARE_OPTIONS = ClientOptions.plus(concat(ACTING, List.of(
            Option.value("--loads", "L,...", "loads of the comparison (default: scheduling 0.5,0.7,0.9,1.1,1.3; "
                    + "load-balancing 0.5,0.7,0.9)"),
            Option.value("--sequences", "N", "job sequences per load (default 50)"),
            Option.value("--results", "DIR", "also write comparison.md, .png and .svg there"),
            Option.value("--policy-file", "FILE", "the last PolicySnapshot of an Avro file (the demo's policy.avro, "
                    + "a replay's policies.avro) instead of the policies topic; no Kafka"))));

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    /** {@code simulate}: acts from the latest policy and publishes steps, or evaluates it. */
    public static Program simulate() {
        return Program.command("simulate", "Acts in an environment from the model's latest policy and publishes "
                + "the steps (training), or with --evaluate K runs the policy for K episodes and prints its mean "
                + "return.", OPTIONS, arguments -> {
                    simulate(arguments);
                    return 0;
                });
    }

    /**
     * {@code declare}: publishes the environment's default ModelSpec to the models topic, as {@code simulate
     * --declare} does, for an operator whose principal may declare models while its actors may not.
     */
    public static Program declare() {
        return Program.command("declare", "Publishes the environment's default ModelSpec to the models topic "
                + "(the learner starts learning it); publishes nothing else.", ClientOptions.plus(ACTING),
                arguments -> {
                    String environment = arguments.get("--env", Environments.CARTPOLE);
                    String modelId = arguments.get("--model-id", environment);
                    ModelDeclaration.publish(ClientOptions.load(arguments), DefaultModels.forEnvironment(
                            environment, modelId, arguments.getLong("--seed", 1L)));
                    LOG.info("declared model {}", modelId);
                    return 0;
                });
    }

    /** {@code compare}: the latest policy against the environment's heuristics. */
    public static Program compare() {
        return Program.command("compare", "scheduling, load-balancing: runs the model's latest policy and every "
                + "heuristic on the same seeded job sequences and prints the table; publishes nothing.",
                COMPARE_OPTIONS, arguments -> {
                    compare(arguments);
                    return 0;
                });
    }

    public static void main(String[] args) {
        simulate().with(compare(), declare()).main(args);
    }

    private static void simulate(Arguments arguments) {
        String environment = arguments.get("--env", Environments.CARTPOLE);
        ClientConfig cluster = ClientOptions.load(arguments);
        String modelId = arguments.get("--model-id", environment);
        long seed = arguments.getLong("--seed", 1L);

        if (arguments.has("--declare")) {
            ModelDeclaration.publish(cluster, DefaultModels.forEnvironment(environment, modelId, seed));
            LOG.info("declared model {}", modelId);
        }
        try (PolicyFollower policies = new PolicyFollower(cluster, modelId)) {
            if (arguments.has("--evaluate")) {
                System.out.println(Evaluation.run(latest(policies, modelId), Environments.named(environment).get(),
                        arguments.getInt("--evaluate", 100), seed, arguments.has("--greedy")));
                return;
            }
            SimulatorSettings settings = new SimulatorSettings(modelId, "sim-" + UUID.randomUUID(),
                    arguments.getInt("--envs", 8), seed, arguments.getLong("--episodes", 0),
                    arguments.getLong("--max-steps", 0), arguments.getDouble("--target-return", Double.NaN),
                    arguments.getInt("--window", SimulatorSettings.DEFAULT_RETURN_WINDOW),
                    arguments.getInt("--steps-per-version", 0), Duration.ofMinutes(2));
            try (HttpEndpoint endpoint = HttpEndpoint.start("simulator", cluster.httpPort());
                 KafkaStepSink steps = new KafkaStepSink(cluster).meteredBy(endpoint.registry())) {
                RunSummary summary = new Simulator(settings, Environments.named(environment), policies, steps,
                        new ProgressLog().andThen(new ActorMetrics(endpoint.registry(), modelId))).run();
                System.out.printf("%d episodes, %d env steps in %.1f s (%.0f steps/s); mean return of the last "
                                + "%d: %.1f; policy version %d%s%n", summary.episodes(), summary.steps(),
                        summary.elapsed().toMillis() / 1000.0, summary.stepsPerSecond(), settings.returnWindow(),
                        summary.meanReturn(), summary.finalVersion(),
                        summary.reachedTarget() ? "; target reached" : "");
            }
        }
    }

    private static void compare(Arguments arguments) {
        String environment = arguments.get("--env", Environments.CARTPOLE);
        Workload.named(environment); // fails here, before any connection, for an environment without heuristics
        long seed = arguments.getLong("--seed", 1L);
        if (arguments.has("--policy-file")) {
            compare(arguments, environment, PolicyFiles.last(Path.of(arguments.get("--policy-file", null))), seed);
            return;
        }
        String modelId = arguments.get("--model-id", environment);
        try (PolicyFollower policies = new PolicyFollower(ClientOptions.load(arguments), modelId)) {
            compare(arguments, environment, latest(policies, modelId), seed);
        }
    }

    private static List<Option> concat(List<Option> first, List<Option> second) {
        List<Option> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static PolicySnapshot latest(PolicyFollower policies, String modelId) {
        PolicySnapshot latest = policies.awaitNewerThan(-1, Duration.ofMinutes(1));
        if (latest == null) {
            throw new IllegalStateException("no policy of model " + modelId + " was published");
        }
        return latest;
    }

    private static void compare(Arguments arguments, String environment, PolicySnapshot policy, long seed) {
        Workload<?> workload = Workload.named(environment);
        ComparisonResult result = HeuristicComparison.run(workload, new Actor(policy),
                arguments.getDoubles("--loads", workload.defaultLoads()), arguments.getInt("--sequences", 50), seed);
        String table = ComparisonReport.markdown(result);
        System.out.printf("policy version %d of model %s%n%n%s", policy.getVersion(), policy.getModelId(), table);
        if (arguments.has("--results")) {
            Path folder = Path.of(arguments.get("--results", "results"));
            try {
                ComparisonReport.write(result, folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the comparison to " + folder, e);
            }
            System.out.println("comparison.md, comparison.png and comparison.svg in " + folder);
        }
    }

    /** Logs a status line at most every two seconds. */
    private static final class ProgressLog implements EpisodeListener {
        private long lastLog = System.nanoTime();

        @Override
        public void onEpisode(long episodes, long steps, double episodeReturn, int length, long policyVersion,
                              double meanReturn) {
            if (System.nanoTime() - lastLog > 2_000_000_000L) {
                lastLog = System.nanoTime();
                LOG.info("episodes {}, env steps {}, policy version {}, mean return {}", episodes, steps,
                        policyVersion, String.format("%.1f", meanReturn));
            }
        }
    }
}
