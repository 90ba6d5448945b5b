package io.policystreams.app.topology;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.learning.TestModels;
import io.policystreams.schemas.ContinuousAction;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded mutation fuzzing of the input path, from bytes through deserializer, validator and assembler to the
 * learner, in the production topology: valid Step and ModelSpec records are mutated (bit flips, byte changes,
 * truncations, insertions, trailing bytes, extreme length fields and doubles) or built with extreme field values,
 * under random keys, and written to the steps, models and policies topics. No exception may escape, every
 * dead letter carries a reason, and the learner still learns afterwards. {@code -Dfuzz.cases=N} sets the count.
 */
class InputFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(InputFuzzTest.class);
    private static final int CASES = Integer.getInteger("fuzz.cases", 200_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final double[] EXTREME_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e308, -1e308, 0.0, -0.0, 1e-300, 1.0};
    private static final long[] EXTREME_LONGS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8L,
        Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, 1L << 40, 100_000, 99_999};

    private final Random rng = new Random(SEED);

    @Test
    void noInputStopsTheLearnerAndEveryRejectedRecordIsDeadLetteredWithAReason() {
        Outcomes outcomes = new Outcomes();
        try (TopologyHarness harness = new TopologyHarness(Map.of("processing.guarantee", "at_least_once",
                "policy.max.bytes", 65_536, "episode.max.steps", 100_000,
                "learner.max.failed.updates", Integer.MAX_VALUE))) {
            harness.declare(bandit(2).setHyperparameters(Hyperparameters.newBuilder(bandit(2).getHyperparameters())
                    .setMaxVersionLag(Long.MAX_VALUE / 2).build()).build());
            harness.declare(continuous().build());
            harness.policies();
            List<byte[]> validSteps = validSteps(harness);
            byte[] validSpec = harness.serializeSpec(bandit(2).setModelId("fuzzed").build());

            int validEpisodeSteps = 0;
            for (int i = 0; i < CASES; i++) {
                long deadBefore = harness.unreadDeadLetters();
                int topic = rng.nextInt(20);
                if (topic == 0) {
                    harness.declareRaw(key("fuzzed"), mutate(validSpec));
                } else if (topic == 1) {
                    harness.publishRaw(key(TestModels.BANDIT), mutate(validSteps.get(0)));
                } else if (topic < 6) {
                    harness.send(key("e-" + rng.nextInt(8)), extremeStep());
                } else if (topic < 10) {
                    harness.send(validStep(validEpisodeSteps++));
                } else {
                    byte[] base = validSteps.get(rng.nextInt(validSteps.size()));
                    harness.sendRaw(key(harness.deserializeStep(base).getEpisodeId()), mutate(base));
                }
                outcomes.count(harness.unreadDeadLetters() - deadBefore);
                if (i % 10_000 == 9_999) {
                    outcomes.readDeadLetters(harness);
                }
            }
            outcomes.readDeadLetters(harness);
            List<TrainingReport> reports = harness.reports();
            long failedUpdates = reports.stream().filter(report -> report.getFailure() != null).count();

            harness.declare(bandit(1).setModelId("sentinel").build());
            harness.send(step("sentinel-e", 0, 1).setModelId("sentinel").build());
            List<PolicySnapshot> published = harness.policies();
            assertTrue(published.stream().anyMatch(p -> p.getModelId().equals("sentinel") && p.getVersion() == 1L),
                    "the learner still learns after the fuzzing");
            LOG.info("fuzzed {} cases (seed {}): {} dead-lettered with a reason, {} accepted or ruled without a dead "
                            + "letter, 0 crashed; {} updates, {} of them failed and contained", CASES, SEED,
                    outcomes.deadLettered, outcomes.accepted, reports.size(), failedUpdates);
            assertEquals(CASES, outcomes.deadLettered + outcomes.accepted);
            assertTrue(outcomes.deadLettered > CASES / 4 && outcomes.accepted > CASES / 20, outcomes.toString());
        }
    }

    /** Valid steps of several bandit episodes (some ended) and of the continuous model. */
    private List<byte[]> validSteps(TopologyHarness harness) {
        return List.of(
                harness.serializeStep(step("e-0", 0, 3).build()),
                harness.serializeStep(step("e-1", 1, 3).setActionMask(List.of(true, true)).build()),
                harness.serializeStep(step("e-2", 2, 3).build()),
                harness.serializeStep(step("e-3", 0, 1).setTruncated(true).setTerminated(false)
                        .setNextObservation(List.of(0.5)).build()),
                harness.serializeStep(step("c-0", 0, 2).setModelId("continuous")
                        .setObservation(List.of(1.0, 2.0)).setAction(new ContinuousAction(List.of(0.1))).build()));
    }

    private static ModelSpec.Builder continuous() {
        return bandit(2).setModelId("continuous").setObservationSize(2)
                .setActionSpace(new io.policystreams.schemas.ContinuousActionSpace(1, List.of(-1.0), List.of(1.0)))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(4)).build())
                .setHyperparameters(Hyperparameters.newBuilder(bandit(2).getHyperparameters()).build());
    }

    /** A key: usually the expected one, sometimes null, empty, another, or holding NUL. */
    private String key(String expected) {
        return switch (rng.nextInt(12)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> expected + "\u0000x";
            case 3 -> "other-" + rng.nextInt(3);
            default -> expected;
        };
    }

    /**
     * Step i % 3 of "valid-(i / 3)", an episode of three steps with random rewards; one episode in 100 has rewards
     * of 1e308, whose return overflows in the update.
     */
    private Step validStep(int i) {
        double reward = (i / 3) % 100 == 99 ? 1e308 : rng.nextGaussian();
        return step("valid-" + (i / 3), i % 3, 3).setReward(reward).setAction(new DiscreteAction(rng.nextInt(2)))
                .build();
    }

    /** A well-formed step whose fields take extreme or random values. */
    private Step extremeStep() {
        int length = 1 + rng.nextInt(4);
        Step.Builder step = step("e-" + rng.nextInt(8), rng.nextInt(length + 1), length);
        switch (rng.nextInt(9)) {
            case 0 -> step.setReward(pick(EXTREME_DOUBLES));
            case 1 -> step.setObservation(List.of(pick(EXTREME_DOUBLES)));
            case 2 -> step.setBehaviourLogProb(pick(EXTREME_DOUBLES));
            case 3 -> step.setStepIndex((int) pick(EXTREME_LONGS));
            case 4 -> step.setPolicyVersion(pick(EXTREME_LONGS));
            case 5 -> step.setAction(new DiscreteAction((int) pick(EXTREME_LONGS)));
            case 6 -> step.setActionMask(List.of(rng.nextBoolean(), rng.nextBoolean()));
            case 7 -> step.setTruncated(rng.nextBoolean()).setTerminated(rng.nextBoolean());
            default -> step.setModelId(rng.nextBoolean() ? "continuous" : "nobody");
        }
        return step.build();
    }

    /** One to three mutations of {@code valid}, mostly past the 5-byte wire-format header. Not modified: valid. */
    private byte[] mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        for (int m = 1 + rng.nextInt(3); m > 0 && bytes != null; m--) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        if (bytes.length == 0) {
            return new byte[] {(byte) rng.nextInt()};
        }
        int at = position(bytes.length);
        switch (rng.nextInt(8)) {
            case 0 -> bytes[at] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> bytes[at] = (byte) rng.nextInt();
            case 2 -> bytes = Arrays.copyOf(bytes, at);
            case 3 -> bytes = concat(Arrays.copyOf(bytes, at), randomBytes(1 + rng.nextInt(8)),
                    Arrays.copyOfRange(bytes, at, bytes.length));
            case 4 -> bytes = concat(bytes, randomBytes(1 + rng.nextInt(16)));
            case 5 -> bytes = overwrite(bytes, at, varint(pick(EXTREME_LONGS)));
            case 6 -> bytes = overwrite(bytes, at, ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putDouble(pick(EXTREME_DOUBLES)).array());
            default -> bytes = rng.nextInt(50) == 0 ? null : bytes;
        }
        return bytes;
    }

    private int position(int length) {
        return length > 6 && rng.nextInt(10) > 0 ? 5 + rng.nextInt(length - 5) : rng.nextInt(length);
    }

    private static byte[] varint(long value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeLong(value);
            encoder.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] overwrite(byte[] bytes, int at, byte[] with) {
        byte[] result = Arrays.copyOf(bytes, Math.max(bytes.length, at + with.length));
        System.arraycopy(with, 0, result, at, with.length);
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] result = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        rng.nextBytes(bytes);
        return bytes;
    }

    private double pick(double[] values) {
        return values[rng.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[rng.nextInt(values.length)];
    }

    /** How the cases ended. */
    private static final class Outcomes {
        long deadLettered;
        long accepted;

        void count(long newDeadLetters) {
            assertTrue(newDeadLetters <= 1 || newDeadLetters < 100_000, "dead letters of one case: " + newDeadLetters);
            if (newDeadLetters > 0) {
                deadLettered++;
            } else {
                accepted++;
            }
        }

        void readDeadLetters(TopologyHarness harness) {
            for (TopologyHarness.DeadLetter dead : harness.deadLetters()) {
                assertFalse(dead.reason() == null || dead.reason().isBlank(), "a dead letter without a reason");
                assertFalse(dead.exception() == null || dead.exception().isBlank(), "a dead letter without a name");
            }
        }

        @Override
        public String toString() {
            return deadLettered + " dead-lettered, " + accepted + " accepted or ruled";
        }
    }
}
