package io.policystreams.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void theReasonClassIsTheExceptionsSimpleNameOrTheRule() {
        assertEquals("SerializationException",
                DeadLetterHeaders.reasonClass("org.apache.kafka.common.errors.SerializationException"));
        assertEquals("episode-expired", DeadLetterHeaders.reasonClass("episode-expired"));
    }
}
