package io.policystreams.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The generated classes write and read Avro binary, unions and logical types included. */
class GeneratedRecordRoundTripTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void discreteStepSurvivesARoundTrip() throws IOException {
        Step step = step(new DiscreteAction(1), false, null);
        assertEquals(step, roundTrip(step));
    }

    @Test
    void truncatedContinuousStepKeepsItsNextObservation() throws IOException {
        Step step = step(new ContinuousAction(List.of(0.25, -1.5)), true, List.of(0.1, 0.2, 0.3, 0.4));
        Step read = roundTrip(step);
        assertEquals(step, read);
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4), read.getNextObservation());
    }

    @Test
    void modelSpecFillsHyperparameterDefaults() throws IOException {
        ModelSpec spec = ModelSpec.newBuilder()
                .setModelId("cartpole")
                .setObservationSize(4)
                .setActionSpace(new DiscreteActionSpace(2))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(64, 64)).build())
                .setAlgorithm(Algorithm.PPO)
                .setHyperparameters(Hyperparameters.newBuilder().build())
                .setSeed(42L)
                .build();
        ModelSpec read = roundTrip(spec);

        assertEquals(spec, read);
        assertEquals(0.99, read.getHyperparameters().getGamma());
        assertEquals(Activation.TANH, read.getPolicyNetwork().getActivation());
        assertEquals(null, read.getValueNetwork());
    }

    @Test
    void policySnapshotEmbedsItsSpec() throws IOException {
        ModelSpec spec = ModelSpec.newBuilder()
                .setModelId("pendulum")
                .setObservationSize(3)
                .setActionSpace(new ContinuousActionSpace(1, List.of(-2.0), List.of(2.0)))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().build())
                .setValueNetwork(NetworkArchitecture.newBuilder().setActivation(Activation.RELU).build())
                .setAlgorithm(Algorithm.ACTOR_CRITIC)
                .setHyperparameters(Hyperparameters.newBuilder().setGamma(0.9).build())
                .setSeed(7L)
                .build();
        PolicySnapshot snapshot = PolicySnapshot.newBuilder()
                .setModelId("pendulum")
                .setVersion(3L)
                .setSpec(spec)
                .setPolicyParameters(List.of(0.5, -0.5, 0.0, 0.1, -0.7))
                .setValueParameters(List.of(1.0, 2.0, 3.0, 4.0))
                .setEpisodesConsumed(12L)
                .setStepsConsumed(2400L)
                .setCreatedAt(T0)
                .build();

        assertEquals(snapshot, roundTrip(snapshot));
    }

    private static Step step(Object action, boolean truncated, List<Double> nextObservation) {
        return Step.newBuilder()
                .setModelId("m")
                .setEpisodeId("e-1")
                .setStepIndex(3)
                .setObservation(List.of(0.01, -0.02, 0.03, 0.04))
                .setAction(action)
                .setReward(1.0)
                .setTerminated(false)
                .setTruncated(truncated)
                .setNextObservation(nextObservation)
                .setBehaviourLogProb(-0.6931471805599453)
                .setPolicyVersion(5L)
                .setEventTime(T0)
                .setSimulatorId("sim-0")
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new SpecificDatumReader<T>((Class<T>) record.getClass()).read(null, decoder);
    }
}
