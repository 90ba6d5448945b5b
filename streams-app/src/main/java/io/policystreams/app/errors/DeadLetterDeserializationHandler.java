package io.policystreams.app.errors;

import io.policystreams.schemas.serde.RegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records whose bytes cannot be read go, unchanged, to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name}, with the reason in headers; the application carries on.
 * An unreachable schema registry is no fault of the record: the application stops instead, so that no step is
 * lost, and resumes from the committed offset once the registry is back.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetterTopic = DeadLetters.configuredTopic(configs, "dead-letter deserialization handler");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RegistryUnavailableException) {
            LOG.error("schema registry unavailable reading {}-{}@{}; stopping so that no record is lost",
                    record.topic(), record.partition(), record.offset(), exception);
            return Response.fail();
        }
        LOG.warn("dead-lettering {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, exception.getMessage());
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, record.key(), record.value(),
                exception)));
    }
}
