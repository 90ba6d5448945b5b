package io.policystreams.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The value schemas of Policy Streams' topics, by record name: the types a registry subject holds. */
public final class TopicSchemas {

    /** Step, ModelSpec, PolicySnapshot, TrainingReport, in that order. Unmodifiable. */
    public static final Map<String, Schema> ALL = catalogue();

    private TopicSchemas() {
    }

    private static Map<String, Schema> catalogue() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Schema schema : new Schema[] {
            Step.getClassSchema(),
            ModelSpec.getClassSchema(),
            PolicySnapshot.getClassSchema(),
            TrainingReport.getClassSchema(),
        }) {
            schemas.put(schema.getName(), schema);
        }
        return Collections.unmodifiableMap(schemas);
    }
}
