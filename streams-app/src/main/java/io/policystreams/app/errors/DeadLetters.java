package io.policystreams.app.errors;

import io.policystreams.client.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Dead-letter records: the input's original key and value bytes with the reason in the {@code __streams.errors.*}
 * headers that Kafka Streams' own dead-letter records carry ({@link DeadLetterHeaders}).
 */
public final class DeadLetters {

    /**
     * Where the input record was read, carried on an internal record (a repartition) so that a dead letter
     * written after it names the input, not the internal topic. Never on a dead letter itself.
     */
    public static final String SOURCE_TOPIC_HEADER = "policy-streams.source.topic";
    public static final String SOURCE_PARTITION_HEADER = "policy-streams.source.partition";
    public static final String SOURCE_OFFSET_HEADER = "policy-streams.source.offset";

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

    /**
     * The dead-letter record of the input that {@code context} describes: its coordinates, or those of the input
     * record that an internal record's source headers name.
     */
    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ErrorHandlerContext context,
                                                        byte[] rawKey, byte[] rawValue, Exception exception) {
        Headers headers = new RecordHeaders(context.headers().toArray());
        Header sourceTopic = headers.lastHeader(SOURCE_TOPIC_HEADER);
        Header sourcePartition = headers.lastHeader(SOURCE_PARTITION_HEADER);
        Header sourceOffset = headers.lastHeader(SOURCE_OFFSET_HEADER);
        headers.remove(SOURCE_TOPIC_HEADER).remove(SOURCE_PARTITION_HEADER).remove(SOURCE_OFFSET_HEADER);
        addReason(headers, exception.getClass().getName(), String.valueOf(exception.getMessage()));
        if (sourceTopic != null && sourcePartition != null && sourceOffset != null) {
            headers.add(DeadLetterHeaders.TOPIC, sourceTopic.value());
            headers.add(DeadLetterHeaders.PARTITION, sourcePartition.value());
            headers.add(DeadLetterHeaders.OFFSET, sourceOffset.value());
        } else {
            addSource(headers, context.topic(), context.partition(), context.offset());
        }
        return new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), rawKey, rawValue, headers);
    }

    /** Adds the input record's topic, partition and offset, as dead letters carry them. Modified: headers. */
    public static Headers addSource(Headers headers, String topic, int partition, long offset) {
        headers.add(DeadLetterHeaders.TOPIC, utf8(topic));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(partition)));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    /** Adds the source headers that carry an input's coordinates through a repartition. Modified: headers. */
    public static Headers carrySource(Headers headers, String topic, int partition, long offset) {
        headers.add(SOURCE_TOPIC_HEADER, utf8(topic));
        headers.add(SOURCE_PARTITION_HEADER, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET_HEADER, utf8(Long.toString(offset)));
        return headers;
    }

    /** Adds the exception (or rule) name and the human-readable reason. Modified: headers. */
    public static Headers addReason(Headers headers, String exception, String message) {
        headers.add(DeadLetterHeaders.EXCEPTION, utf8(exception));
        headers.add(DeadLetterHeaders.MESSAGE, utf8(message));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
