package io.policystreams.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import io.policystreams.schemas.registry.InMemorySchemaRegistry;
import io.policystreams.schemas.registry.SchemaRegistries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is registered is the repository's .avsc, so that producers in other languages can use the files. */
class PortableSchemasTest {

    private static final Path AVRO = Path.of("src", "main", "avro");
    private static final String SCOPE = "portable-schemas-test";

    @AfterEach
    void dropRegistry() {
        SchemaRegistries.dropScope(SCOPE);
    }

    /** Every .avsc, parsed as the build does: ModelSpec and Step first, which the others refer to by name. */
    private static Map<String, Schema> repositoryFiles() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> files = new HashMap<>();
        for (String name : List.of("ModelSpec", "Step", "PolicySnapshot", "TrainingReport", "Episode",
                "EpisodeBuffer", "LearnerState", "BatchProgress")) {
            files.put(name, parser.parse(AVRO.resolve(name + ".avsc").toFile()));
        }
        return files;
    }

    @Test
    void everyRegisteredSchemaIsItsAvscTextExactly() throws IOException {
        Map<String, Schema> files = repositoryFiles();
        Map<String, Schema> generated = Map.of("ModelSpec", ModelSpec.getClassSchema(), "Step", Step.getClassSchema(),
                "PolicySnapshot", PolicySnapshot.getClassSchema(), "TrainingReport", TrainingReport.getClassSchema(),
                "Episode", Episode.getClassSchema(), "EpisodeBuffer", EpisodeBuffer.getClassSchema(),
                "LearnerState", LearnerState.getClassSchema(), "BatchProgress", BatchProgress.getClassSchema());

        generated.forEach((name, schema) -> assertEquals(files.get(name).toString(),
                PortableSchemas.of(schema).toString(), name));
        assertFalse(files.get("Step").toString().equals(Step.getClassSchema().toString()),
                "the generated class carries Java hints (avro.java.string) the file does not");
    }

    @Test
    void aProducerOfTheAvscFilesAndOursShareOneVersion() throws IOException {
        InMemorySchemaRegistry registry = SchemaRegistries.inMemoryScope(SCOPE);
        int external = registry.register("steps-value", repositoryFiles().get("Step"));
        Step step = Step.newBuilder().setModelId("m").setEpisodeId("e").setStepIndex(0)
                .setObservation(List.of(0.5)).setAction(new DiscreteAction(1)).setReward(1.0).setTerminated(true)
                .setTruncated(false).setBehaviourLogProb(-0.7).setPolicyVersion(0L)
                .setEventTime(Instant.ofEpochMilli(1)).setSimulatorId("sim").build();

        for (boolean autoRegister : new boolean[] {false, true}) {
            try (Serializer<Step> serializer = new AvroSerializer<>()) {
                serializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE,
                        "auto.register.schemas", autoRegister), false);
                byte[] bytes = serializer.serialize("steps", step);
                assertEquals(external, ByteBuffer.wrap(bytes, 1, 4).getInt(), "auto.register " + autoRegister);
            }
        }
        assertEquals(1, registry.versions("steps-value").size(), "no second version");
    }
}
