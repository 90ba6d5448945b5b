package io.policystreams.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry could not be reached after the configured retries. The record may be fine: stop rather than
 * dead-letter it, so that no step is lost, and resume from the committed offset once the registry is back.
 */
public class RegistryUnavailableException extends SerializationException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
