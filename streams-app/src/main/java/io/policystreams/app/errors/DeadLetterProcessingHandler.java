package io.policystreams.app.errors;

import java.util.List;
import java.util.Map;
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
        this.deadLetterTopic = DeadLetters.configuredTopic(configs, "dead-letter processing handler");
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
