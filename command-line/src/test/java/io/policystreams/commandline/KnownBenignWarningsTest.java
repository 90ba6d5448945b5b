package io.policystreams.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownBenignWarningsTest {

    private static final String RECOVERABLE = "[Consumer clientId=x, groupId=app] The metadata response from the "
            + "cluster reported a recoverable issue with correlation id {} : {}";

    private final LoggerContext context = new LoggerContext();
    private final KnownBenignWarnings filter = new KnownBenignWarnings();

    private FilterReply decide(String logger, Level level, String format, Object... params) {
        Logger target = context.getLogger(logger);
        return filter.decide(null, target, level, format, params, null);
    }

    @Test
    void kafkaStreamsAskingForItsOwnTopicsBeforeTheyExistIsDroppedAsKafkaFormatsIt() {
        assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[Consumer clientId=x, groupId=app] The metadata response from the cluster reported a recoverable "
                        + "issue with correlation id 2 : {app-models-by-model-repartition=UNKNOWN_TOPIC_OR_PARTITION, "
                        + "app-episodes-by-model-repartition=UNKNOWN_TOPIC_OR_PARTITION}"));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[Consumer clientId=x, groupId=app] The metadata response from the cluster reported a recoverable "
                        + "issue with correlation id 2 : {app-models-by-model-repartition=UNKNOWN_TOPIC_OR_PARTITION, "
                        + "steps=UNKNOWN_TOPIC_OR_PARTITION}"));
    }

    @Test
    void kafkaStreamsAskingForItsOwnTopicsBeforeTheyExistIsDropped() {
        assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.NetworkClient", Level.WARN, RECOVERABLE, 2,
                Map.of("app-episodes-by-model-repartition", "UNKNOWN_TOPIC_OR_PARTITION",
                        "app-learner-models-changelog", "UNKNOWN_TOPIC_OR_PARTITION")));
    }

    @Test
    void anyoneElsesMissingTopicAndOtherErrorsAreStillShown() {
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.NetworkClient", Level.WARN, RECOVERABLE,
                2, Map.of("steps", "UNKNOWN_TOPIC_OR_PARTITION")));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.NetworkClient", Level.WARN, RECOVERABLE,
                2, Map.of("app-episodes-by-model-repartition", "TOPIC_AUTHORIZATION_FAILED")));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[Consumer clientId=x] Connection to node {} could not be established.", 1));
    }

    @Test
    void aTransactionalRetryOnConcurrentTransactionsIsDroppedAndOtherProduceErrorsAreShown() {
        String sender = "org.apache.kafka.clients.producer.internals.Sender";
        String prefix = "[Producer clientId=app-StreamThread-1-producer, transactionalId=app-1] Got error produce "
                + "response with correlation id 77 on topic-partition app-episode-steps-changelog-0, retrying "
                + "(2147483646 attempts left). Error: ";
        assertEquals(FilterReply.DENY, decide(sender, Level.WARN, prefix + "CONCURRENT_TRANSACTIONS"));
        assertEquals(FilterReply.NEUTRAL, decide(sender, Level.WARN, prefix + "NOT_LEADER_OR_FOLLOWER"));
    }

    @Test
    void theEmbeddedBrokersNoticesAreDroppedAndOnlyAtWarn() {
        String activation = "[QuorumController id=0] Performing controller activation. The metadata log appears to "
                + "be empty. Appending {} bootstrap record(s)";
        assertEquals(FilterReply.DENY, decide("org.apache.kafka.controller.QuorumController", Level.WARN, activation,
                6));
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.controller.QuorumController", Level.ERROR,
                activation, 6));
        assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[NodeToControllerChannelManager id=0] Attempting to close NetworkClient that has already been "
                        + "closed."));
        assertEquals(FilterReply.DENY, decide("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
                Level.WARN, "[Consumer clientId=g] Not updating last stable offset for partition {} as it is no "
                        + "longer assigned", "policies-0"));
    }
}
