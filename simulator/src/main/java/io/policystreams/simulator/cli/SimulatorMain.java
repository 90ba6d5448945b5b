package io.policystreams.simulator.cli;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.ClientOptions;
import io.policystreams.commandline.Arguments;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.comparison.ComparisonReport;
import io.policystreams.simulator.comparison.ComparisonResult;
import io.policystreams.simulator.comparison.HeuristicComparison;
import io.policystreams.simulator.comparison.Workload;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.runtime.Actor;
import io.policystreams.simulator.runtime.DefaultModels;
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
import java.util.UUID;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a process of its own, against any cluster the learner runs on. Trains (publishes steps
 * acted by the latest policy) or, with {@code --evaluate K}, runs the latest policy for K episodes without
 * publishing and prints the mean return.
 */
public final class SimulatorMain {

    static final String USAGE = """
            usage: java -jar policy-streams-simulator.jar --schema-registry-url URL [options]
                   java -jar policy-streams-simulator.jar --config FILE [options]
                   java -jar policy-streams-simulator.jar --env NAME --compare --policy-file FILE [options]
              --env NAME                      cartpole | bandit | contextual-bandit | scheduling | load-balancing
                                              (default cartpole)
              --model-id ID                   model to act for (default: the environment's name)
              --declare                       first publish the environment's default ModelSpec
              --envs N                        environments stepped in lockstep (default 8)
              --seed S                        seed of resets and sampling (default 1)
              --episodes N | --max-steps N    stop after N episodes or environment steps
              --target-return R               stop once the mean return of the last --window episodes reaches R
              --window N                      episodes in the moving mean (default 100)
              --steps-per-version N           pause finished environments after N steps on one version (default 0)
              --evaluate K                    run the latest policy for K episodes, publish nothing, print the mean
              --greedy                        with --evaluate: act by the most likely action
              --compare                       scheduling, load-balancing: run the latest policy and every heuristic on
                                              the same seeded job sequences, print the table, publish nothing
              --loads L,...                   with --compare (default: scheduling 0.5,0.7,0.9,1.1,1.3;
                                              load-balancing 0.5,0.7,0.9)
              --sequences N                   with --compare: job sequences per load (default 50)
              --results DIR                   with --compare: also write comparison.md, .png and .svg there
              --policy-file FILE              with --compare: the last PolicySnapshot of an Avro file (the demo's
                                              policy.avro, a replay's policies.avro) instead of the topic; no Kafka
            the cluster, the same settings as the learner's:
            """ + ClientOptions.USAGE;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        try {
            run(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        Arguments arguments = new Arguments(args, ClientOptions.plus("--env", "--model-id", "--envs", "--seed",
                "--episodes", "--max-steps", "--target-return", "--window", "--steps-per-version", "--evaluate",
                "--loads", "--sequences", "--results", "--policy-file"), Arguments.names("--declare", "--greedy",
                "--compare"), USAGE);
        String environment = arguments.get("--env", Environments.CARTPOLE);
        if (arguments.has("--compare")) {
            Workload.named(environment); // fails here, before any connection, for an environment without heuristics
        }
        if (arguments.has("--compare") && arguments.has("--policy-file")) {
            compare(arguments, environment, PolicyFiles.last(Path.of(arguments.get("--policy-file", null))),
                    arguments.getLong("--seed", 1L));
            return;
        }
        ClientConfig cluster = ClientOptions.load(arguments);
        String modelId = arguments.get("--model-id", environment);
        long seed = arguments.getLong("--seed", 1L);

        if (arguments.has("--declare")) {
            ModelDeclaration.publish(cluster, DefaultModels.forEnvironment(environment, modelId, seed));
            LOG.info("declared model {}", modelId);
        }
        try (PolicyFollower policies = new PolicyFollower(cluster, modelId)) {
            if (arguments.has("--compare")) {
                compare(arguments, environment, latest(policies, modelId), seed);
                return;
            }
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
            try (KafkaStepSink steps = new KafkaStepSink(cluster)) {
                RunSummary summary = new Simulator(settings, Environments.named(environment), policies, steps,
                        new ProgressLog()).run();
                System.out.printf("%d episodes, %d env steps in %.1f s (%.0f steps/s); mean return of the last "
                                + "%d: %.1f; policy version %d%s%n", summary.episodes(), summary.steps(),
                        summary.elapsed().toMillis() / 1000.0, summary.stepsPerSecond(), settings.returnWindow(),
                        summary.meanReturn(), summary.finalVersion(), summary.reachedTarget() ? "; target reached" : "");
            }
        }
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
    private static final class ProgressLog implements io.policystreams.simulator.runtime.EpisodeListener {
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
