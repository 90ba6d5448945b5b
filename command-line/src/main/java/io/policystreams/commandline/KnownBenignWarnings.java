package io.policystreams.commandline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the warnings that every healthy start and stop prints and that ask nothing of anyone, so that the first
 * screen shows our own lines. Each is matched by its logger and its text, never by its level alone:
 * <ul>
 *   <li>a Kafka Streams consumer asking for its own internal topics ({@code -repartition}, {@code -changelog})
 *       before the group's leader has created them: UNKNOWN_TOPIC_OR_PARTITION, retried until they exist. A
 *       missing topic of anyone else's is still shown;</li>
 *   <li>the global consumer not updating the last stable offset of a partition it just gave up while restoring;
 *       </li>
 *   <li>an exactly-once producer's send answered CONCURRENT_TRANSACTIONS: its previous transaction is still being
 *       completed by the coordinator, and the producer retries on its own (frequent with short commit intervals,
 *       as in the demo);</li>
 *   <li>the embedded broker's own notices: activating a new controller on an empty metadata log, and closing a
 *       client twice at shutdown.</li>
 * </ul>
 * {@link Logging#verbose()} removes this filter.
 */
public final class KnownBenignWarnings extends TurboFilter {

    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String OFFSET_FETCHER = "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils";
    private static final String CONTROLLER = "org.apache.kafka.controller.QuorumController";
    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        boolean benign = switch (name) {
            case NETWORK_CLIENT -> internalTopicsNotCreatedYet(format, params)
                    || format.contains("Attempting to close NetworkClient that has already been closed");
            case OFFSET_FETCHER -> format.contains("Not updating last stable offset")
                    && format.contains("as it is no longer assigned");
            case SENDER -> format.contains("Got error produce response")
                    && format.endsWith("Error: CONCURRENT_TRANSACTIONS");
            case CONTROLLER -> format.contains("Performing controller activation")
                    && format.contains("metadata log appears to be empty");
            default -> false;
        };
        return benign ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /**
     * "reported a recoverable issue with correlation id 2 : {app-x-repartition=UNKNOWN_TOPIC_OR_PARTITION, ...}",
     * every topic one of Kafka Streams' own. Kafka formats the message itself, so the errors are read from its text
     * (or from the parameters, where a logger passes them unformatted).
     */
    private static boolean internalTopicsNotCreatedYet(String format, Object[] params) {
        if (!format.contains("reported a recoverable issue")) {
            return false;
        }
        boolean unformatted = format.endsWith(" : {}") && params != null && params.length > 0;
        String errors = unformatted ? String.valueOf(params[params.length - 1])
                : format.contains(" : {") ? format.substring(format.lastIndexOf(" : {") + 3) : "";
        if (!errors.startsWith("{") || !errors.endsWith("}") || errors.length() < 3) {
            return false;
        }
        for (String entry : errors.substring(1, errors.length() - 1).split(", ")) {
            int equals = entry.lastIndexOf('=');
            if (equals < 0 || !isInternalTopic(entry.substring(0, equals))
                    || !entry.substring(equals + 1).equals("UNKNOWN_TOPIC_OR_PARTITION")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternalTopic(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog");
    }
}
