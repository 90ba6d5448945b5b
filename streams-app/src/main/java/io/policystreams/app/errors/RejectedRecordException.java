package io.policystreams.app.errors;

/**
 * A record that deserialized but breaks a rule of the topology (an out-of-range step, a changed spec for a live
 * model, ...). Processors throw it before they change any state; {@link DeadLetterProcessingHandler} sends the
 * record's original bytes to the dead-letter topic with this message as the reason, and processing continues.
 */
public final class RejectedRecordException extends RuntimeException {

    public RejectedRecordException(String reason) {
        super(reason);
    }
}
