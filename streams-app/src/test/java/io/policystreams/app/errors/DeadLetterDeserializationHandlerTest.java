package io.policystreams.app.errors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.registry.SchemaRegistries;
import io.policystreams.schemas.registry.SchemaRegistryConfig;
import io.policystreams.schemas.serde.AvroSerdes;
import io.policystreams.schemas.serde.RegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler in a pass-through topology over the Avro serde: readable steps flow on, unreadable bytes reach the
 * dead-letter topic with their reason, and an unreachable registry stops processing.
 */
class DeadLetterDeserializationHandlerTest {

    private static final String STEPS = "steps";
    private static final String OUT = "steps-out";
    private static final String DEAD_LETTERS = "steps-dead-letters";

    private final String scope = "dlq-" + UUID.randomUUID();
    private Serde<Step> stepSerde;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rawSteps;
    private TestOutputTopic<String, Step> out;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Map<String, Object> serdeConfig = Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        stepSerde = AvroSerdes.forType(Step.class, serdeConfig, false);
        driver = driver(stepSerde);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        SchemaRegistries.dropScope(scope);
    }

    @Test
    void readableStepsFlowOn() {
        rawSteps.pipeInput("e-1", stepSerde.serializer().serialize(STEPS, step()));

        assertEquals(step(), out.readValue());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void aWrongMagicByteGoesToTheDeadLetterTopicWithItsReason() {
        byte[] bytes = stepSerde.serializer().serialize(STEPS, step());
        bytes[0] = 9;
        rawSteps.pipeInput("e-1", bytes);
        rawSteps.pipeInput("e-2", stepSerde.serializer().serialize(STEPS, step()));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertArrayEquals(bytes, dead.value(), "original bytes kept");
        assertArrayEquals("e-1".getBytes(StandardCharsets.UTF_8), dead.key());
        assertEquals("unknown magic byte 9: expected 0 (Confluent Schema Registry wire format)",
                header(dead, DeadLetterHeaders.MESSAGE));
        assertEquals("io.policystreams.schemas.serde.MalformedRecordException",
                header(dead, DeadLetterHeaders.EXCEPTION));
        assertEquals(STEPS, header(dead, DeadLetterHeaders.TOPIC));
        assertEquals(step(), out.readValue(), "the application kept running");
    }

    @Test
    void anUnknownSchemaIdGoesToTheDeadLetterTopic() {
        byte[] bytes = stepSerde.serializer().serialize(STEPS, step());
        ByteBuffer.wrap(bytes).putInt(1, 999);
        rawSteps.pipeInput("e-1", bytes);

        assertTrue(header(deadLetters.readRecord(), DeadLetterHeaders.MESSAGE)
                .startsWith("unknown schema id 999 (registry error 40403"));
        assertTrue(out.isEmpty());
    }

    @Test
    void anUnreachableRegistryStopsInsteadOfLosingTheStep() {
        driver.close();
        Map<String, Object> unreachable = Map.of(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9",
                SchemaRegistryConfig.MAX_RETRIES, 0);
        driver = driver(AvroSerdes.forType(Step.class, unreachable, false));
        byte[] bytes = stepSerde.serializer().serialize(STEPS, step());

        StreamsException e = assertThrows(StreamsException.class, () -> rawSteps.pipeInput("e-1", bytes));
        assertTrue(deadLetters.isEmpty());
        assertInstanceOf(RegistryUnavailableException.class, firstRegistryUnavailableCause(e));
    }

    private TopologyTestDriver driver(Serde<Step> serde) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(STEPS, Consumed.with(Serdes.String(), serde)).to(OUT, Produced.with(Serdes.String(), serde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        TopologyTestDriver testDriver = new TopologyTestDriver(builder.build(), props);
        rawSteps = testDriver.createInputTopic(STEPS, new StringSerializer(), new ByteArraySerializer());
        out = testDriver.createOutputTopic(OUT, new StringDeserializer(), serde.deserializer());
        deadLetters = testDriver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        return testDriver;
    }

    private static Throwable firstRegistryUnavailableCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof RegistryUnavailableException)) {
            t = t.getCause();
        }
        return t;
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Step step() {
        return Step.newBuilder()
                .setModelId("cartpole").setEpisodeId("e-1").setStepIndex(0)
                .setObservation(List.of(0.0, 0.1, 0.2, 0.3)).setAction(new DiscreteAction(0))
                .setReward(1.0).setTerminated(false).setTruncated(false)
                .setBehaviourLogProb(-0.69).setPolicyVersion(0L)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setSimulatorId("sim-0")
                .build();
    }
}
