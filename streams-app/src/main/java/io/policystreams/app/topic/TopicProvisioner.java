package io.policystreams.app.topic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics that do not exist yet; existing ones are left exactly as they are. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Creates the absent topics of {@code topics}; returns the names it created. */
    public static List<String> createMissing(Map<String, Object> adminConfigs, List<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(adminConfigs)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                LOG.info("another instance created a topic concurrently: {}", e.getCause().getMessage());
            }
            missing.forEach(topic -> LOG.info("created topic {} ({} partitions, {})", topic.name(),
                    topic.numPartitions(), topic.configs() == null ? "delete" : topic.configs()));
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
