package io.policystreams.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.app.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningTopologyTest {

    private static final Path PINNED = Path.of("src", "test", "resources", "topology.txt");
    private static final Path CANDIDATE = Path.of("target", "topology.txt");

    /**
     * Node, store and internal-topic names are part of the deployed state: changelog and repartition topics are
     * named after them. A change here must be deliberate (and needs an application reset or a migration).
     */
    @Test
    void theTopologyDescriptionIsPinned() throws IOException {
        String description = LearningTopology.describe(new AppConfig(Map.of(
                AppConfig.SCHEMA_REGISTRY_URL, "mock://describe"))).toString();

        Files.writeString(CANDIDATE, description);
        assertEquals(Files.readString(PINNED), description, "the topology changed; if that is intended, copy "
                + "streams-app/" + CANDIDATE + " to streams-app/" + PINNED);
    }
}
