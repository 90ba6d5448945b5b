package io.policystreams.app.processor;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.learning.LearnerStates;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares models (key: model id), whose specs {@link ModelSpecValidator} accepted. A new spec gets its seeded
 * parameters and is published as version 0. The same spec again changes nothing. A different spec for a live model
 * is rejected, naming the changed fields: the parameters, optimiser state and the simulators' steps belong to the
 * old one, so a change needs a new model id.
 */
public final class ModelDeclarations implements Processor<String, ModelSpec, String, LearnerOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeclarations.class);

    private ProcessorContext<String, LearnerOutput> context;
    private KeyValueStore<String, LearnerState> models;
    private KeyValueStore<String, BatchProgress> progress;

    @Override
    public void init(ProcessorContext<String, LearnerOutput> context) {
        this.context = context;
        this.models = context.getStateStore(LearnerStoreLayout.MODELS);
        this.progress = context.getStateStore(LearnerStoreLayout.BATCH_PROGRESS);
    }

    @Override
    public void process(Record<String, ModelSpec> record) {
        String modelId = record.key();
        ModelSpec spec = record.value();
        LearnerState live = models.get(modelId);
        if (live != null) {
            requireUnchanged(live, spec);
            LOG.info("model {} declared again with the same spec; it stays at version {}", modelId, live.getVersion());
            return;
        }
        LearnerState initial = LearnerStates.initial(ModelSpecs.bind(spec), record.timestamp());
        models.put(modelId, initial);
        progress.put(modelId, new BatchProgress(0, 0, 0, 0L, 0));
        LOG.info("model {} declared ({}); publishing version 0", modelId, spec.getAlgorithm());
        context.forward(record.withValue(LearnerOutput.initial(
                LearnerStates.snapshot(modelId, initial, record.timestamp()))));
    }

    private static void requireUnchanged(LearnerState live, ModelSpec spec) {
        if (!live.getSpec().equals(spec)) {
            throw new RejectedRecordException("model " + spec.getModelId() + " is live at version "
                    + live.getVersion() + " with a different spec (changed: "
                    + String.join(", ", changedFields(live.getSpec(), spec, ""))
                    + "); declare the changed spec under a new model id");
        }
    }

    /** Dotted names of the fields that differ, descending into nested records of the same type. */
    static List<String> changedFields(SpecificRecord before, SpecificRecord after, String prefix) {
        List<String> changed = new ArrayList<>();
        for (Schema.Field field : before.getSchema().getFields()) {
            Object was = before.get(field.pos());
            Object is = after.get(field.pos());
            if (was instanceof SpecificRecord nestedWas && is instanceof SpecificRecord nestedIs
                    && nestedWas.getSchema().equals(nestedIs.getSchema())) {
                changed.addAll(changedFields(nestedWas, nestedIs, prefix + field.name() + "."));
            } else if (was == null ? is != null : !was.equals(is)) {
                changed.add(prefix + field.name());
            }
        }
        return changed;
    }
}
