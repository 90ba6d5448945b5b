package io.policystreams.app.processor;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.learning.StepRules;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Passes on the steps that satisfy {@link StepRules} for their model's published spec; rejects the rest, null
 * values, and steps of a model without a published policy, to the dead-letter topic. A live model's spec never changes
 * ({@link ModelDeclarations} rejects changes), so each task reads it from the global store
 * ({@link PublishedSpecs}) once and keeps it.
 */
public final class StepValidator implements FixedKeyProcessor<String, Step, Step> {

    private final StepRules rules;
    private FixedKeyProcessorContext<String, Step> context;
    private ReadOnlyKeyValueStore<String, PolicySnapshot> publishedSpecs;
    private Map<String, ModelSpec> specs;

    public StepValidator(StepRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Step> context) {
        this.context = context;
        this.publishedSpecs = context.getStateStore(PublishedSpecs.STORE);
        this.specs = new HashMap<>();
    }

    @Override
    public void process(FixedKeyRecord<String, Step> record) {
        Step step = record.value();
        if (step == null) {
            throw new RejectedRecordException("a step record needs a value; a tombstone (null value) is not a step");
        }
        StepRules.idViolation(step).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        rules.violation(record.key(), step, publishedSpec(step.getModelId())).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        context.forward(record);
    }

    private ModelSpec publishedSpec(String modelId) {
        ModelSpec spec = specs.get(modelId);
        if (spec == null) {
            PolicySnapshot published = publishedSpecs.get(modelId);
            if (published == null) {
                throw new RejectedRecordException("model " + modelId + " has no published policy; declare it on "
                        + "the models topic and act from its version 0");
            }
            spec = published.getSpec();
            specs.put(modelId, spec);
        }
        return spec;
    }
}
