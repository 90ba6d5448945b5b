package io.policystreams.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's bytes can never be read: not the wire format, a schema id the registry does not know, or Avro
 * that does not decode. Such a record belongs on the dead-letter topic with {@link #getMessage()} as reason.
 */
public class MalformedRecordException extends SerializationException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
