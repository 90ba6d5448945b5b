package io.policystreams.app.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.schemas.serde.RegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class FaultResponseTest {

    private final FaultResponse response = new FaultResponse();

    @Test
    void anUnreachableRegistryReplacesTheThreadToRetry() {
        StreamsException wrapped = new StreamsException("deserialization failed",
                new RegistryUnavailableException("cannot look up schema id 3", null));

        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, response.handle(wrapped));
    }

    @Test
    void anyOtherFaultShutsTheClientDown() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                response.handle(new StreamsException("invalid partitions", new IllegalStateException())));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, response.handle(new OutOfMemoryError()));
    }
}
