package io.policystreams.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The value schemas of every topic Policy Streams writes, by record name: the types a registry subject holds.
 * The first six travel on the public topics; the rest on the streams application's repartition and changelog
 * topics, which evolve under the same compatibility rule because a restarted application reads them back.
 */
public final class TopicSchemas {

    /** Step, ModelSpec, PolicySnapshot, TrainingReport, Decision, Reward, then Episode, EpisodeBuffer,
     *  BatchProgress, LearnerState, RewardWindow. Unmodifiable. */
    public static final Map<String, Schema> ALL = catalogue();

    private TopicSchemas() {
    }

    /**
     * The kept versions of topic schema {@code name} ({@code schemas/history/<name>/v<n>.avsc}, shipped in this jar),
     * oldest first; the last is the current schema.
     */
    public static List<Schema> keptVersions(String name) {
        List<Schema> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            try (InputStream in = TopicSchemas.class.getResourceAsStream("/history/" + name + "/v" + n + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kept version " + n + " of " + name, e);
            }
        }
    }

    private static Map<String, Schema> catalogue() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Schema schema : new Schema[] {
            Step.getClassSchema(),
            ModelSpec.getClassSchema(),
            PolicySnapshot.getClassSchema(),
            TrainingReport.getClassSchema(),
            Decision.getClassSchema(),
            Reward.getClassSchema(),
            Episode.getClassSchema(),
            EpisodeBuffer.getClassSchema(),
            BatchProgress.getClassSchema(),
            LearnerState.getClassSchema(),
            RewardWindow.getClassSchema(),
        }) {
            schemas.put(schema.getName(), schema);
        }
        return Collections.unmodifiableMap(schemas);
    }
}
