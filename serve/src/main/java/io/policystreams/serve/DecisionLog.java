package io.policystreams.serve;

import io.policystreams.client.ClientConfig;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.Reward;
import java.util.Map;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the act endpoint logs for the learner when asked to ({@code --log-decisions}): each decision it serves on
 * the decisions topic, and the rewards its callers report later on the rewards topic, both keyed by decision id,
 * through idempotent producers. The learner's reward joiner makes them steps. Sends are asynchronous; a failed one
 * is logged and counted by the caller's callback.
 */
final class DecisionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

    private final String decisionsTopic;
    private final String rewardsTopic;
    private final KafkaProducer<String, Decision> decisions;
    private final KafkaProducer<String, Reward> rewards;

    DecisionLog(ClientConfig config) {
        this.decisionsTopic = config.decisionsTopic();
        this.rewardsTopic = config.rewardsTopic();
        Map<String, Object> configs = config.actorProducerConfigs();
        this.decisions = new KafkaProducer<>(configs, new StringSerializer(),
                config.avroSerde(Decision.class).serializer());
        this.rewards = new KafkaProducer<>(configs, new StringSerializer(), config.avroSerde(Reward.class).serializer());
    }

    void decision(Decision decision, Runnable onFailure) {
        decisions.send(new ProducerRecord<>(decisionsTopic, decision.getDecisionId(), decision),
                failed("decision " + decision.getDecisionId(), onFailure));
    }

    void reward(Reward reward, Runnable onFailure) {
        rewards.send(new ProducerRecord<>(rewardsTopic, reward.getDecisionId(), reward),
                failed("a reward for decision " + reward.getDecisionId(), onFailure));
    }

    private static Callback failed(String what, Runnable onFailure) {
        return (metadata, exception) -> {
            if (exception != null) {
                LOG.warn("could not log {}: {}", what, exception.toString());
                onFailure.run();
            }
        };
    }

    @Override
    public void close() {
        decisions.close();
        rewards.close();
    }
}
