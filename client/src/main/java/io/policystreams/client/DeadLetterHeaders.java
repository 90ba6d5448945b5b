package io.policystreams.client;

/**
 * What a dead letter carries besides the input's original key and value bytes: the reason and where the input
 * was read, in the {@code __streams.errors.*} headers of Kafka Streams' own dead-letter records, so tools that read
 * those read ours. The learner writes them; the dashboard and the metrics read them.
 */
public final class DeadLetterHeaders {

    /** The exception's class name, or the name of the rule the record broke ({@code episode-expired}, ...). */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The human-readable reason. */
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetterHeaders() {
    }

    /**
     * The reason class of an exception header: an exception's simple name
     * ({@code org.apache.kafka.common.errors.SerializationException} → {@code SerializationException}), or the rule.
     */
    public static String reasonClass(String exception) {
        return exception.substring(exception.lastIndexOf('.') + 1);
    }
}
