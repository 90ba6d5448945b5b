package io.policystreams.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.simulator.runtime.ActorMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's list of metrics and the Grafana dashboard in deploy/ name exactly what the programs expose. */
class MetricsDocumentationTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern METRIC = Pattern.compile("policy_streams_[a-z_]+");

    private static final Set<String> EXPOSED = Stream.concat(
            LearnerMetrics.DOCUMENTED.stream().map(LearnerMetrics.Documented::name),
            ActorMetrics.NAMES.stream()).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void theReadmeListsEveryMetric() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String name : EXPOSED) {
            assertTrue(readme.contains("`" + name + "`"), name + " is not in the README's list of metrics");
        }
    }

    @Test
    void theGrafanaDashboardQueriesOnlyMetricsThatExistAndShowsEachOfThem() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/policy-streams.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher names = METRIC.matcher(target.get("expr").asText());
            while (names.find()) {
                String name = names.group();
                queried.add(EXPOSED.contains(name) ? name : name.replaceAll("_(sum|count|max)$", ""));
            }
        }));
        for (String name : queried) {
            assertTrue(EXPOSED.contains(name), name + " is queried by the dashboard but not exposed");
        }
        Set<String> unshown = new TreeSet<>(EXPOSED);
        unshown.removeAll(queried);
        assertEquals(Set.of(), unshown, "exposed but not on the Grafana dashboard");
    }
}
