package io.policystreams.app.processor;

import io.policystreams.app.errors.DeadLetters;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.learning.Ids;
import io.policystreams.schemas.ModelSpec;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a declaration on its own, before it is repartitioned by model id (so that a rejection points at the
 * record on the models topic): the key is a valid id equal to the spec's model id; the spec binds (every number
 * finite and in its domain, see {@link ModelSpecs#bind}); its snapshots fit {@code policy.max.bytes}. A tombstone
 * is dropped here with a log line: a live model is not retired by deleting its declaration. An accepted spec goes on
 * with its input's coordinates in headers, for the dead letters of later rules.
 */
public final class ModelSpecValidator implements FixedKeyProcessor<String, ModelSpec, ModelSpec> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSpecValidator.class);

    private final long maxSnapshotBytes;
    private FixedKeyProcessorContext<String, ModelSpec> context;

    public ModelSpecValidator(long maxSnapshotBytes) {
        if (maxSnapshotBytes < 1) {
            throw new IllegalArgumentException("maxSnapshotBytes must be >= 1, was " + maxSnapshotBytes);
        }
        this.maxSnapshotBytes = maxSnapshotBytes;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ModelSpec> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ModelSpec> record) {
        ModelSpec spec = record.value();
        if (spec == null) {
            LOG.warn("ignoring the tombstone of model {}: a live model is not retired", record.key());
            return;
        }
        requireKeyIsModelId(record.key(), spec);
        requireBinds(spec);
        requireSnapshotsFit(spec);
        context.recordMetadata().ifPresent(source -> DeadLetters.carrySource(record.headers(), source.topic(),
                source.partition(), source.offset()));
        context.forward(record);
    }

    private static void requireKeyIsModelId(String key, ModelSpec spec) {
        Ids.violation("modelId", spec.getModelId()).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        if (!spec.getModelId().equals(key)) {
            throw new RejectedRecordException("the record key must be the model id " + spec.getModelId()
                    + ", was " + key);
        }
    }

    private static void requireBinds(ModelSpec spec) {
        try {
            ModelSpecs.bind(spec);
        } catch (IllegalArgumentException e) {
            throw new RejectedRecordException("invalid spec for model " + spec.getModelId() + ": " + e.getMessage());
        }
    }

    private void requireSnapshotsFit(ModelSpec spec) {
        long bytes = ModelSpecs.snapshotBytes(spec);
        if (bytes > maxSnapshotBytes) {
            throw new RejectedRecordException("model " + spec.getModelId() + " has " + ModelSpecs.parameterCount(spec)
                    + " parameters: its snapshots would take about " + bytes + " bytes, over policy.max.bytes "
                    + maxSnapshotBytes + "; declare smaller networks, or raise policy.max.bytes");
        }
    }
}
