package io.policystreams.app.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RejectedRecordException} sends the input record's original bytes to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name}, with the reason in headers, and processing resumes. Any other
 * exception is a defect, not bad input: the application stops rather than dead-letter every record it meets.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
                    "the dead-letter processing handler needs a dead-letter topic");
        }
        this.deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!(exception instanceof RejectedRecordException)) {
            LOG.error("processor {} failed on {}-{}@{}; stopping", context.processorNodeId(), context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.fail();
        }
        LOG.warn("dead-lettering {}-{}@{} at {}: {}", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), exception.getMessage());
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context, context.sourceRawKey(),
                context.sourceRawValue(), exception)));
    }
}
