package io.policystreams.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined KRaft node (controller and broker in this JVM) on a loopback port, its data in a temporary
 * directory deleted on close. Internal topics use replication factor 1 and the transaction log a minimum ISR of
 * 1, so exactly-once v2 works on a single node. Everything else connects through {@link #bootstrapServers()},
 * exactly as it would to a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Broker settings a single node needs; anything else keeps Kafka's defaults. */
    static final Map<String, Object> SINGLE_NODE_SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1");

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts the node and waits until its broker is ready. */
    public static EmbeddedKafka start() throws Exception {
        long started = System.nanoTime();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build());
        SINGLE_NODE_SETTINGS.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(cluster);
        LOG.info("embedded Kafka (KRaft, 1 node) ready at {} in {} ms", kafka.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return kafka;
    }

    /** Kafka's storage formatter prints to System.out; its lines go to the debug log instead. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(console);
            LOG.debug("storage formatter: {}", printed.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** host:port of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates the topics and waits for the broker to confirm them. */
    public void createTopics(Collection<NewTopic> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Stops the broker, as a broker crash would look to clients: connections are refused until {@link #startBroker}.
     * The node's controller keeps running, and the port stays reserved for the restart.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(broker -> {
            broker.shutdown();
            broker.awaitShutdown();
        });
    }

    /** Starts the stopped broker again on the same port and log directories, and waits until it is ready. */
    public void startBroker() throws ExecutionException, InterruptedException {
        cluster.brokers().values().forEach(broker -> broker.startup());
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
