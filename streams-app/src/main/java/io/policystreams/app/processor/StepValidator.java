package io.policystreams.app.processor;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Passes on the steps that satisfy {@link StepRules} for their model's published spec; rejects the rest, and
 * steps of a model without a published policy, to the dead-letter topic.
 */
public final class StepValidator implements FixedKeyProcessor<String, Step, Step> {

    /** The global store of the latest PolicySnapshot per model id, read from the policies topic. */
    public static final String PUBLISHED_POLICIES = "published-policies";

    private final StepRules rules;
    private FixedKeyProcessorContext<String, Step> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<PolicySnapshot>> publishedPolicies;

    public StepValidator(StepRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Step> context) {
        this.context = context;
        this.publishedPolicies = context.getStateStore(PUBLISHED_POLICIES);
    }

    @Override
    public void process(FixedKeyRecord<String, Step> record) {
        Step step = record.value();
        ValueAndTimestamp<PolicySnapshot> published = publishedPolicies.get(step.getModelId());
        if (published == null) {
            throw new RejectedRecordException("model " + step.getModelId() + " has no published policy; declare it "
                    + "on the models topic and act from its version 0");
        }
        rules.violation(record.key(), step, published.value().getSpec()).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        context.forward(record);
    }
}
