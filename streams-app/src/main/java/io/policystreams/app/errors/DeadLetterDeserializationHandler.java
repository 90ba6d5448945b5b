package io.policystreams.app.errors;

import io.policystreams.schemas.serde.RegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
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

    /** Header names as Kafka Streams' own dead-letter records use them. */
    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
                    "the dead-letter deserialization handler needs a dead-letter topic");
        }
        this.deadLetterTopic = topic.toString();
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
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, record.timestamp(),
                record.key(), record.value(), reasonHeaders(record, exception))));
    }

    private static Headers reasonHeaders(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(EXCEPTION_HEADER, utf8(exception.getClass().getName()));
        headers.add(MESSAGE_HEADER, utf8(String.valueOf(exception.getMessage())));
        headers.add(TOPIC_HEADER, utf8(record.topic()));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
