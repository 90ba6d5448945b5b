package io.policystreams.demo;

import io.policystreams.app.processor.RewardJoiner;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.charts.Chart;
import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.client.TopicReader;
import io.policystreams.commandline.Logging;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.evaluation.MeanInterval;
import io.policystreams.policy.evaluation.OffPolicyEvaluation;
import io.policystreams.replay.OfflineEvaluation;
import io.policystreams.replay.log.LogRange;
import io.policystreams.replay.log.TopicStepLog;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BaselineKind;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.OptimizerKind;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.simulator.env.ClickService;
import io.policystreams.simulator.runtime.DecisionService;
import io.policystreams.simulator.runtime.ModelDeclaration;
import io.policystreams.simulator.runtime.PolicyFollower;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Decisions now, rewards later, through the whole Kafka loop: an embedded broker, the learner with its reward
 * joiner, and a {@link DecisionService} recommending items whose clicks come after exponential delays (some within
 * the model's wait, some after it, most never). Then the learned policy's rate of clicks within the wait against
 * uniform random, the best fixed item and the oracle (each over fresh simulated requests, with 95% intervals), and
 * evaluate-offline's estimate of the learned policy from the joined log. Writes the curve and the table under
 * {@code results/}.
 */
public final class DelayedRewardDemo {

    public static final String MODEL_ID = "click-service";

    static final List<Option> OPTIONS = List.of(
            Option.value("--decisions", "N", "requests the service decides (default 20000)"),
            Option.value("--rate", "R", "requests per second (default 500)"),
            Option.value("--wait-ms", "MS", "how long a decision waits for its click (default 2000)"),
            Option.value("--evaluation-requests", "N", "fresh requests per compared policy (default 20000)"),
            Option.value("--seed", "S", "seed of the model, the requests and the clicks (default 1)"),
            Option.value("--results", "DIR", "where the curve and the table go (default results)"));

    private DelayedRewardDemo() {
    }

    /** What to run. */
    public record Settings(long decisions, int rate, long waitMs, int evaluationRequests, long seed, Path results) {
    }

    /** One compared policy's rate of clicks within the wait, over fresh requests. */
    public record Row(String policy, MeanInterval rate) {
    }

    /**
     * What a run gave: the service's counts, the joined steps (and how many were defaulted), the dead-lettered
     * late and unclaimed rewards, the comparison, evaluate-offline's estimate of the learned policy, and the folder.
     */
    public record Result(DecisionService.Summary service, long joined, long defaulted, long lateRewards,
                         long unclaimedRewards, PolicySnapshot learned, List<Row> rows,
                         OfflineEvaluation.Result offline, Path folder) {

        /** The learned policy's measured rate. */
        public MeanInterval learnedRate() {
            return rows.get(1).rate();
        }

        public MeanInterval uniformRate() {
            return rows.get(3).rate();
        }
    }

    /** {@code delayed-reward-demo}. */
    public static Program program() {
        return Program.command("delayed-reward-demo", "Trains a recommender whose clicks come seconds after its "
                + "decisions, through an embedded Kafka broker and the learner's reward joiner, then compares the "
                + "learned policy with uniform random, the best fixed item and the oracle, and with its off-policy "
                + "estimate from the joined log.", OPTIONS, arguments -> {
                    Settings settings = new Settings(arguments.getLong("--decisions", 20_000),
                            arguments.getInt("--rate", 500), arguments.getLong("--wait-ms", 2_000),
                            arguments.getInt("--evaluation-requests", 20_000), arguments.getLong("--seed", 1L),
                            Path.of(arguments.get("--results", "results")));
                    System.setProperty("java.awt.headless", "true");
                    Logging.warningsOnly();
                    run(settings, System.out);
                    return 0;
                });
    }

    /**
     * The recommender's model: REINFORCE on a linear softmax over the one-hot context, batches of 256 decisions,
     * 10% uniform exploration (so every item keeps a chance, and the logged behaviour log-probabilities support
     * off-policy evaluation of any policy), rewards summed within the wait, 0 when no click came.
     */
    public static ModelSpec spec(ClickService service, long waitMs, long seed) {
        return ModelSpec.newBuilder()
                .setModelId(MODEL_ID)
                .setObservationSize(service.contexts())
                .setActionSpace(new DiscreteActionSpace(service.items()))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of()).build())
                .setValueNetwork(null)
                .setAlgorithm(Algorithm.REINFORCE)
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLearningRate(0.1).setOptimizer(OptimizerKind.ADAM).setBaseline(BaselineKind.RUNNING_MEAN)
                        .setBatchEpisodes(256).setBatchSteps(0).setMaxGradNorm(0.0).setMaxVersionLag(50)
                        .setExplorationEpsilon(0.1).setRewardWaitMs(waitMs).setDefaultReward(0.0)
                        .build())
                .setSeed(seed)
                .build();
    }

    public static Result run(Settings settings, PrintStream out) throws Exception {
        ClickService clicks = ClickService.demo();
        ModelSpec spec = spec(clicks, settings.waitMs(), settings.seed());
        Duration wait = Duration.ofMillis(settings.waitMs());
        try (EmbeddedLoop loop = EmbeddedLoop.start(out, settings.results(), -1)) {
            ModelDeclaration.publish(loop.config(), spec);
            out.printf("Deciding %,d requests at %d/s; clicks come after about %.1f s, the model waits %.1f s ...%n",
                    settings.decisions(), settings.rate(), clicks.meanDelayMillis() / 1000.0, settings.waitMs() / 1000.0);
            DecisionService.Summary summary;
            try (PolicyFollower policies = new PolicyFollower(loop.config(), MODEL_ID);
                 DecisionService service = new DecisionService(loop.config(), clicks, policies, MODEL_ID,
                         "recommender-1", wait, settings.seed())) {
                summary = service.run(settings.decisions(), Duration.ofNanos(1_000_000_000L / settings.rate()),
                        Duration.ofMinutes(2));
            }
            List<Step> joined = awaitJoinedSteps(loop, summary.decisions(), wait.plusMinutes(1));
            PolicySnapshot learned;
            try (PolicyFollower policies = new PolicyFollower(loop.config(), MODEL_ID)) {
                learned = policies.latest();
            }
            long defaulted = joined.stream().filter(Step::getRewardDefaulted).count();
            Map<String, Long> deadLetters = awaitDeadLetters(loop, summary.clicksAfterWait(), Duration.ofSeconds(30));
            long late = deadLetters.getOrDefault(RewardJoiner.LATE, 0L);
            long unclaimed = deadLetters.getOrDefault(RewardJoiner.UNCLAIMED, 0L);
            List<Row> rows = compare(clicks, learned, settings);
            OfflineEvaluation.Result offline;
            try (TopicStepLog log = new TopicStepLog(loop.config().clientConfigs(), loop.config().stepsTopic(),
                    loop.config().avroSerde(Step.class).deserializer(), LogRange.everything())) {
                offline = OfflineEvaluation.run(learned, MODEL_ID, log, 1, Double.NaN, 200, settings.seed(), n -> { });
            }
            Path folder = settings.results().resolve("delayed-reward-" + LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(folder);
            Result result = new Result(summary, joined.size(), defaulted, late, unclaimed, learned, rows, offline,
                    folder);
            String table = table(result, settings);
            out.print(table);
            Files.writeString(folder.resolve("comparison.md"), table);
            writeCurve(loop, result, clicks, settings, folder);
            out.println("Table (comparison.md) and learning curve (delayed-reward.png, .svg) in " + folder);
            return result;
        }
    }

    /** The steps the joiner wrote for the model, read until there is one per decision. */
    private static List<Step> awaitJoinedSteps(EmbeddedLoop loop, long decisions, Duration timeout) {
        List<Step> joined = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicReader<String, Step> steps = new TopicReader<>(loop.config().clientConfigs(),
                loop.config().stepsTopic(), new StringDeserializer(), loop.config().avroSerde(Step.class).deserializer(),
                "delayed-reward-demo-steps")) {
            steps.readToEnd(timeout, record -> keep(record, joined));
            while (joined.size() < decisions && System.nanoTime() < deadline) {
                steps.poll(Duration.ofMillis(200), record -> keep(record, joined));
            }
        }
        if (joined.size() < decisions) {
            throw new IllegalStateException("only " + joined.size() + " of " + decisions + " decisions were joined "
                    + "within " + timeout);
        }
        return joined;
    }

    private static void keep(ConsumerRecord<String, Step> record, List<Step> joined) {
        if (record.value() != null && MODEL_ID.equals(record.value().getModelId())) {
            joined.add(record.value());
        }
    }

    /**
     * The dead letters by reason (exception header), read until at least {@code late} are late rewards (the clicks
     * that came after the wait, which the service counted) or {@code timeout} passes.
     */
    private static Map<String, Long> awaitDeadLetters(EmbeddedLoop loop, long late, Duration timeout) {
        Map<String, Long> byReason = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicReader<byte[], byte[]> deadLetters = new TopicReader<>(loop.config().clientConfigs(),
                loop.config().deadLettersTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                "delayed-reward-demo-dead-letters")) {
            Consumer<ConsumerRecord<byte[], byte[]>> count = record -> {
                Header reason = record.headers().lastHeader(DeadLetterHeaders.EXCEPTION);
                byReason.merge(reason == null ? "unknown" : new String(reason.value(), StandardCharsets.UTF_8), 1L,
                        Long::sum);
            };
            deadLetters.readToEnd(timeout, count);
            while (byReason.getOrDefault(RewardJoiner.LATE, 0L) < late && System.nanoTime() < deadline) {
                deadLetters.poll(Duration.ofMillis(200), count);
            }
        }
        return byReason;
    }

    /** The oracle, the learned policy (sampling π, without exploration), the best fixed item and uniform random. */
    private static List<Row> compare(ClickService clicks, PolicySnapshot learned, Settings settings) {
        int bestFixed = 0;
        for (int item = 1; item < clicks.items(); item++) {
            if (clicks.meanClickProbability(item) > clicks.meanClickProbability(bestFixed)) {
                bestFixed = item;
            }
        }
        StochasticPolicy policy = ModelSpecs.policy(learned.getSpec());
        double[] theta = Vectors.toArray(learned.getPolicyParameters());
        int fixed = bestFixed;
        return List.of(
                row("oracle (each context's favourite)", clicks, settings, (c, rng) -> clicks.favourite(c)),
                row("learned (version " + learned.getVersion() + ", sampling pi)", clicks, settings,
                        (c, rng) -> ((Action.Discrete) policy.distribution(theta, clicks.observation(c), null)
                                .sample(rng)).index()),
                row("best fixed item (" + bestFixed + ")", clicks, settings, (c, rng) -> fixed),
                row("uniform random", clicks, settings, (c, rng) -> rng.nextInt(clicks.items())));
    }

    /** What a policy chooses in a context. */
    private interface Chooser {
        int item(int context, Random rng);
    }

    private static Row row(String name, ClickService clicks, Settings settings, Chooser chooser) {
        Random rng = new Random(settings.seed() + 17);
        double[] rewards = new double[settings.evaluationRequests()];
        for (int i = 0; i < rewards.length; i++) {
            int context = clicks.context(rng);
            long delay = clicks.clickDelayMillis(context, chooser.item(context, rng), rng);
            rewards[i] = delay >= 0 && delay <= settings.waitMs() ? 1.0 : 0.0;
        }
        return new Row(name, MeanInterval.of(rewards));
    }

    private static String table(Result result, Settings settings) {
        StringBuilder table = new StringBuilder(String.format("%n| policy | clicks within %.1f s per request | 95%% "
                + "interval |%n| --- | --- | --- |%n", settings.waitMs() / 1000.0));
        for (Row row : result.rows()) {
            table.append(String.format("| %s | %.4f | [%.4f, %.4f] |%n", row.policy(), row.rate().mean(),
                    row.rate().lower(), row.rate().upper()));
        }
        OffPolicyEvaluation.Estimate weighted = result.offline().weighted();
        OffPolicyEvaluation.Estimate perDecision = result.offline().perDecision();
        DecisionService.Summary service = result.service();
        table.append(String.format("%nDecisions %,d; clicks %,d, of which %,d came after the wait; joined steps %,d, "
                        + "%.1f%% with the default reward (no click within the wait); rewards dead-lettered as late "
                        + "%,d, as unclaimed %,d.%n", service.decisions(), service.clicks(), service.clicksAfterWait(),
                result.joined(), 100.0 * result.defaulted() / result.joined(), result.lateRewards(),
                result.unclaimedRewards()));
        table.append(String.format("evaluate-offline on the joined log, learned version %d: weighted IS %.4f "
                        + "[%.4f, %.4f], per-decision IS %.4f [%.4f, %.4f], from %,d logged decisions "
                        + "(effective sample size %.0f).%n", result.learned().getVersion(), weighted.value(),
                weighted.lower(), weighted.upper(), perDecision.value(), perDecision.lower(), perDecision.upper(),
                weighted.episodes(), weighted.effectiveSampleSize()));
        return table.toString();
    }

    /** Each update's batch mean reward (the behaviour's rate) against decisions joined, with the three levels. */
    private static void writeCurve(EmbeddedLoop loop, Result result, ClickService clicks, Settings settings,
                                   Path folder) throws IOException {
        List<TrainingReport> reports = TopicReader.readAll(loop.config().clientConfigs(),
                loop.config().reportsTopic(), new StringDeserializer(),
                loop.config().avroSerde(TrainingReport.class).deserializer(), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).filter(r -> r != null && MODEL_ID.equals(r.getModelId())).toList();
        double[] x = new double[reports.size()];
        double[] y = new double[reports.size()];
        double consumed = 0;
        for (int i = 0; i < x.length; i++) {
            consumed += reports.get(i).getSteps();
            x[i] = consumed;
            y[i] = reports.get(i).getMeanReturn();
        }
        double end = Math.max(1, consumed);
        Chart.of(String.format("Clicks within %.1f s, decisions joined through Kafka", settings.waitMs() / 1000.0),
                        "decisions joined", "clicks within the wait per decision", 900, 500)
                .line("batch mean (behaviour, with exploration)", x, y, true)
                .dashedLevel("oracle", result.rows().get(0).rate().mean(), 0, end)
                .dashedLevel("best fixed item", result.rows().get(2).rate().mean(), 0, end)
                .dashedLevel("uniform random", result.rows().get(3).rate().mean(), 0, end)
                .write(folder, "delayed-reward");
    }
}
