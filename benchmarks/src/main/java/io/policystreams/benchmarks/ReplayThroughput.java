package io.policystreams.benchmarks;

import io.policystreams.binding.Actions;
import io.policystreams.binding.BoundModel;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.client.ClientConfig;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.learning.PolicyTrainer;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.replay.Replay;
import io.policystreams.replay.SpecOverrides;
import io.policystreams.replay.episodes.OfflineEpisodes;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.LogRange;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.replay.log.StepExport;
import io.policystreams.replay.log.StepLog;
import io.policystreams.replay.log.TopicStepLog;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.simulator.env.CartPole;
import io.policystreams.simulator.env.Transition;
import io.policystreams.simulator.runtime.DefaultModels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay throughput on a recorded CartPole log of {@code --steps} steps (default 1,000,000), acted by the seeded
 * version 0 of the demo's PPO model: read and assemble only, then replay through the learner's update with
 * REINFORCE (linear), A2C and PPO (64×64, the demo's settings), from an exported Avro file and from a
 * three-partition steps topic on the embedded broker. Prints a Markdown table.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.policystreams.benchmarks.ReplayThroughput [--steps N]</pre>
 */
public final class ReplayThroughput {

    private static final String SOURCE = "cartpole-live";
    private static final Replay.Updates NONE = new Replay.Updates() {
        @Override
        public void initial(PolicySnapshot versionZero) {
        }

        @Override
        public void updated(PolicyTrainer.Outcome outcome) {
        }
    };

    private ReplayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long steps = args.length == 2 && args[0].equals("--steps") ? Long.parseLong(args[1]) : 1_000_000L;
        PrintStream out = System.out;
        ModelSpec behaviour = DefaultModels.forEnvironment("cartpole", SOURCE, 1L);
        Path directory = Files.createTempDirectory("replay-throughput");
        Path file = directory.resolve("cartpole.avro");
        long started = System.nanoTime();
        StepExport.write(new RecordedCartPole(behaviour, steps), file, null, CodecFactory.deflateCodec(6), Map.of(),
                read -> { });
        out.printf(Locale.ROOT, "recorded %,d CartPole steps to %s (%.1f MB) in %.1f s%n", steps, file,
                Files.size(file) / 1e6, (System.nanoTime() - started) / 1e9);

        ModelSpec reinforce = SpecOverrides.apply(DefaultModels.forEnvironment("bandit", "x", 1L), "replayed-reinforce",
                null, null, null, Map.of("batchEpisodes", "0", "batchSteps", "2048"));
        reinforce = ModelSpec.newBuilder(reinforce).setObservationSize(4).build();
        ModelSpec a2c = SpecOverrides.apply(behaviour, "replayed-a2c", "ACTOR_CRITIC", null, null,
                Map.of("batchSteps", "2048"));
        ModelSpec ppo = SpecOverrides.apply(behaviour, "replayed-ppo", null, null, null, Map.of());

        List<String> rows = new ArrayList<>();
        Supplier<StepLog> fromFile = () -> new ContainerFileStepLog(List.of(file));
        rows.add(assembleOnly("Avro file", fromFile, behaviour));
        rows.add(replay("Avro file", fromFile, reinforce, "REINFORCE, linear, 2048-step batches"));
        rows.add(replay("Avro file", fromFile, a2c, "A2C V-trace, 64×64, 2048-step batches"));
        rows.add(replay("Avro file", fromFile, ppo, "PPO, 64×64, 256-step batches × 20 epochs (demo)"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            ClientConfig config = new ClientConfig(Map.of(ClientConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    ClientConfig.SCHEMA_REGISTRY_URL, "mock://replay-throughput"));
            kafka.createTopics(List.of(new NewTopic("steps", 3, (short) 1)));
            started = System.nanoTime();
            try (StepLog log = fromFile.get(); KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    config.clientConfigs(), new StringSerializer(), new ByteArraySerializer())) {
                for (LoggedStep record = log.next(); record != null; record = log.next()) {
                    producer.send(new ProducerRecord<>("steps", null, record.timestamp(), record.key(),
                            config.avroSerde(Step.class).serializer().serialize("steps", record.step())));
                }
            }
            out.printf(Locale.ROOT, "produced them to a 3-partition steps topic in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            Supplier<StepLog> fromTopic = () -> new TopicStepLog(config.clientConfigs(), "steps",
                    config.avroSerde(Step.class).deserializer(), LogRange.everything());
            rows.add(assembleOnly("steps topic, 3 partitions", fromTopic, behaviour));
            rows.add(replay("steps topic, 3 partitions", fromTopic, reinforce, "REINFORCE, linear, 2048-step batches"));
        }

        out.println();
        out.printf("| source | work | steps | updates | seconds | steps/s |%n| --- | --- | --- | --- | --- | --- |%n");
        rows.forEach(out::println);
    }

    private static String assembleOnly(String source, Supplier<StepLog> logs, ModelSpec spec) {
        long started = System.nanoTime();
        long steps = 0;
        try (StepLog log = logs.get()) {
            OfflineEpisodes episodes = new OfflineEpisodes(SOURCE, spec, 100_000);
            for (LoggedStep record = log.next(); record != null; record = log.next()) {
                episodes.add(record);
                steps++;
            }
            if (episodes.rejections().count() > 0 || episodes.incomplete() > 0) {
                throw new IllegalStateException("the recorded log should assemble completely");
            }
        }
        return row(source, "read, decode, validate, assemble", steps, 0, System.nanoTime() - started);
    }

    private static String replay(String source, Supplier<StepLog> logs, ModelSpec spec, String work) {
        long started = System.nanoTime();
        Replay.Result result;
        try (StepLog log = logs.get()) {
            result = Replay.run(spec, SOURCE, log, 100_000, NONE, read -> { });
        }
        return row(source, "replay: " + work, result.recordsRead(), result.finalState().getVersion(),
                System.nanoTime() - started);
    }

    private static String row(String source, String work, long steps, long updates, long nanos) {
        double seconds = nanos / 1e9;
        String line = String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f | %,.0f |", source, work, steps,
                updates, seconds, steps / seconds);
        System.err.println(line);
        return line;
    }

    /** CartPole episodes acted by a policy's version 0, generated as they are read, with their log-probs. */
    private static final class RecordedCartPole implements StepLog {
        private final BoundModel bound;
        private final double[] theta;
        private final long total;
        private final Random random = new Random(7L);
        private final CartPole env = new CartPole();
        private long produced;
        private long episode;
        private int t;
        private double[] observation;

        RecordedCartPole(ModelSpec spec, long total) {
            this.bound = ModelSpecs.bind(spec);
            this.theta = bound.initialParameters().theta();
            this.total = total;
        }

        @Override
        public LoggedStep next() {
            if (produced >= total && observation == null) {
                return null;
            }
            if (observation == null) {
                observation = env.reset(random.nextLong());
                t = 0;
            }
            ActionDistribution pi = bound.policy().distribution(theta, observation);
            Action action = pi.sample(random);
            Transition transition = env.step(action);
            long time = 1_700_000_000_000L + produced;
            Step step = Step.newBuilder()
                    .setModelId(SOURCE).setEpisodeId("episode-" + episode).setStepIndex(t)
                    .setObservation(Vectors.toList(observation)).setAction(Actions.toAvro(action))
                    .setReward(transition.reward()).setTerminated(transition.terminated())
                    .setTruncated(transition.truncated())
                    .setNextObservation(Vectors.toList(transition.observation()))
                    .setBehaviourLogProb(pi.logProb(action)).setPolicyVersion(0L)
                    .setEventTime(Instant.ofEpochMilli(time)).setSimulatorId("benchmark").build();
            produced++;
            t++;
            if (transition.ended()) {
                episode++;
                observation = null;
            } else {
                observation = transition.observation();
            }
            return LoggedStep.decoded(step.getEpisodeId(), step, time, "generated#" + produced);
        }

        @Override
        public double progress() {
            return Math.min(1.0, (double) produced / total);
        }

        @Override
        public String description() {
            return "CartPole acted by version 0 of " + SOURCE;
        }

        @Override
        public void close() {
        }
    }
}
