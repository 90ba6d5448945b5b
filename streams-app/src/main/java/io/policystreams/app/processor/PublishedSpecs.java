package io.policystreams.app.processor;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.schemas.PolicySnapshot;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store {@value #STORE} (model id → the latest published snapshot without its parameter
 * vectors: the spec simulators act from, and the version) from the policies topic.
 * Only a readable snapshot under its own model id whose spec binds is kept; anything else on the topic (a
 * tombstone, bytes that do not decode, a snapshot under another key or with an invalid spec) is logged and
 * skipped, so garbage never becomes a model's published spec and the last good one stays. Kafka Streams runs
 * this processor again when it restores the store, so a restart applies the same rule.
 */
public final class PublishedSpecs implements Processor<String, PolicySnapshot, Void, Void> {

    /**
     * The global store of the published snapshot per model id, without parameters. It holds PolicySnapshots, the
     * policies topic's own type, because a global store's serde writes under the topic's registry subject.
     */
    public static final String STORE = "published-specs";

    private static final Logger LOG = LoggerFactory.getLogger(PublishedSpecs.class);

    private KeyValueStore<String, PolicySnapshot> specs;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.specs = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, PolicySnapshot> record) {
        String modelId = record.key();
        PolicySnapshot snapshot = record.value();
        String problem = problem(modelId, snapshot);
        if (problem != null) {
            LOG.warn("skipping a record of model {} on the policies topic ({}); its last good spec stays", modelId,
                    problem);
            return;
        }
        specs.put(modelId, PolicySnapshot.newBuilder(snapshot).setPolicyParameters(List.of())
                .setValueParameters(List.of()).build());
    }

    private static String problem(String modelId, PolicySnapshot snapshot) {
        if (snapshot == null) {
            return "a tombstone, or bytes that are not a PolicySnapshot";
        }
        if (modelId == null || !modelId.equals(snapshot.getModelId())
                || !modelId.equals(snapshot.getSpec().getModelId())) {
            return "its key is not the model id " + snapshot.getModelId() + " of its snapshot and spec";
        }
        try {
            ModelSpecs.bind(snapshot.getSpec());
            return null;
        } catch (IllegalArgumentException e) {
            return "invalid spec: " + e.getMessage();
        }
    }
}
