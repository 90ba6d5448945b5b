package io.policystreams.app.errors;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Dead-letter records: the input's original key and value bytes with the reason in the {@code __streams.errors.*}
 * headers that Kafka Streams' own dead-letter records carry, so tools that read those read ours.
 */
public final class DeadLetters {

    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";

    private DeadLetters() {
    }

    /** The dead-letter topic a handler was configured with; a ConfigException naming the handler without one. */
    static String configuredTopic(Map<String, ?> configs, String handler) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
                    "the " + handler + " needs a dead-letter topic");
        }
        return topic.toString();
    }

    /** The dead-letter record of the input that {@code context} describes. */
    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context,
                                                        byte[] rawKey, byte[] rawValue, Exception exception) {
        Headers headers = new RecordHeaders(context.headers().toArray());
        addReason(headers, exception.getClass().getName(), String.valueOf(exception.getMessage()));
        headers.add(TOPIC_HEADER, utf8(context.topic()));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(context.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(context.offset())));
        return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), rawKey, rawValue, headers);
    }

    /** Adds the exception (or rule) name and the human-readable reason. Modified: headers. */
    public static Headers addReason(Headers headers, String exception, String message) {
        headers.add(EXCEPTION_HEADER, utf8(exception));
        headers.add(MESSAGE_HEADER, utf8(message));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
