package io.policystreams.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft Kafka cluster in this JVM, on loopback ports, its data in a temporary directory deleted on close.
 * {@link #start()} is one combined node (controller and broker), with replication factor 1 and a transaction log
 * minimum ISR of 1, so that exactly-once v2 works on it. {@link #builder()} starts more: N brokers beside one
 * controller, with what a production cluster of three uses (replication factor 3 for the offsets and transaction
 * logs and as the default, {@code min.insync.replicas=2} for every topic), and optionally a
 * {@linkplain SecureListener SASL_SSL listener} with SCRAM-SHA-512 and ACLs. Everything else connects through
 * {@link #bootstrapServers()}, exactly as it would to a real cluster.
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

    /** The name of the secure listener on every broker. */
    public static final String SECURE_LISTENER = "SECURE";

    /** The principal of the brokers, the controller and this class's own admin client: the plaintext listeners'. */
    public static final String SUPER_USER = "User:ANONYMOUS";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final String secureBootstrapServers;

    private EmbeddedKafka(KafkaClusterTestKit cluster, boolean secure) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        ListenerName name = ListenerName.normalised(SECURE_LISTENER);
        this.secureBootstrapServers = secure ? cluster.brokers().values().stream()
                .map(broker -> "localhost:" + broker.boundPort(name)).collect(Collectors.joining(",")) : null;
    }

    /** Formats and starts one combined node and waits until its broker is ready. */
    public static EmbeddedKafka start() throws Exception {
        return builder().start();
    }

    /** A cluster of more brokers, or with security: {@code EmbeddedKafka.builder().brokers(3).start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A SASL_SSL listener named {@value #SECURE_LISTENER} on every broker, beside the plaintext one: TLS with the
     * key and certificate in {@code keyStore} (PKCS12), SCRAM-SHA-512 logins (create the users with
     * {@link #createScramUser}), and Kafka's {@code StandardAuthorizer}, which denies what no ACL allows. The plaintext
     * listeners (between brokers, to the controller, and {@link #bootstrapServers()}) log in as
     * {@value #SUPER_USER}, a super user: they stand for the operator's own administrative access.
     */
    public record SecureListener(Path keyStore, Path trustStore, String password) {

        /**
         * A test certificate authority, and the brokers' key and certificate signed by it for {@code localhost}
         * and 127.0.0.1, made with the JDK's keytool in {@code directory}: {@code broker.p12}, the brokers' key
         * store, and {@code truststore.p12}, the CA's certificate, for clients; both PKCS12 with {@code password}.
         * Valid for two days.
         */
        public static SecureListener generate(Path directory, String password) throws IOException,
                InterruptedException {
            Path ca = directory.resolve("ca.p12");
            Path broker = directory.resolve("broker.p12");
            Path trustStore = directory.resolve("truststore.p12");
            String names = "SAN=dns:localhost,ip:127.0.0.1";
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=Policy Streams test CA", "-ext", "bc:c", "-keystore", ca.toString(),
                    "-storetype", "PKCS12", "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-file", directory.resolve("ca.pem").toString());
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", names, "-keystore", broker.toString(), "-storetype", "PKCS12",
                    "-storepass", password);
            keytool("-certreq", "-alias", "broker", "-keystore", broker.toString(), "-storepass", password,
                    "-file", directory.resolve("broker.csr").toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-infile", directory.resolve("broker.csr").toString(), "-outfile",
                    directory.resolve("broker.pem").toString(), "-ext", names, "-validity", "2");
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", directory.resolve("ca.pem").toString(),
                    "-keystore", broker.toString(), "-storepass", password);
            keytool("-importcert", "-alias", "broker", "-file", directory.resolve("broker.pem").toString(),
                    "-keystore", broker.toString(), "-storepass", password);
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", directory.resolve("ca.pem").toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new SecureListener(broker, trustStore, password);
        }

        private static void keytool(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.trim());
            }
        }

        /**
         * A client's settings for the secure listener as {@code user}: SASL_SSL, SCRAM-SHA-512, and this trust
         * store.
         */
        public Map<String, Object> clientConfigs(String user, String userPassword) {
            return Map.of("security.protocol", "SASL_SSL",
                    "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                            + "username=\"" + user + "\" password=\"" + userPassword + "\";",
                    "ssl.truststore.type", "PKCS12",
                    "ssl.truststore.location", trustStore.toString(),
                    "ssl.truststore.password", password);
        }
    }

    /** How many brokers, and whether with a {@link SecureListener}. */
    public static final class Builder {

        private int brokers = 1;
        private SecureListener secureListener;
        private final List<String> superUsers = new ArrayList<>(List.of(SUPER_USER));

        private Builder() {
        }

        /** {@code count} brokers beside one controller; 1 (the default) is a single combined node. */
        public Builder brokers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs a broker, not " + count);
            }
            brokers = count;
            return this;
        }

        public Builder secureListener(SecureListener listener) {
            secureListener = listener;
            return this;
        }

        /** Makes SCRAM user {@code user} a super user too (an administrator on the secure listener). */
        public Builder superUser(String user) {
            superUsers.add("User:" + user);
            return this;
        }

        /** Formats and starts the nodes and waits until every broker is ready. */
        public EmbeddedKafka start() throws Exception {
            long started = System.nanoTime();
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(brokers == 1)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1);
            if (secureListener != null) {
                nodes.setPerServerProperties(brokerIds().stream().collect(Collectors.toMap(id -> id,
                        id -> Map.of("listeners", "EXTERNAL://localhost:0," + SECURE_LISTENER + "://localhost:0"))));
            }
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build());
            settings().forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            try {
                formatQuietly(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, secureListener != null);
            LOG.info("embedded Kafka (KRaft, {}) ready at {} in {} ms", brokers == 1 ? "1 node"
                    : brokers + " brokers and a controller", kafka.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return kafka;
        }

        private List<Integer> brokerIds() {
            return IntStream.range(0, brokers).boxed().toList();
        }

        private Map<String, Object> settings() {
            Map<String, Object> settings = new HashMap<>();
            if (brokers == 1) {
                settings.putAll(SINGLE_NODE_SETTINGS);
            } else {
                String replicas = Integer.toString(Math.min(3, brokers));
                String minInSync = Integer.toString(Math.min(2, brokers));
                settings.put("default.replication.factor", replicas);
                settings.put("min.insync.replicas", minInSync);
                settings.put("offsets.topic.replication.factor", replicas);
                settings.put("transaction.state.log.replication.factor", replicas);
                settings.put("transaction.state.log.min.isr", minInSync);
                settings.put("share.coordinator.state.topic.replication.factor", replicas);
                settings.put("share.coordinator.state.topic.min.isr", minInSync);
                settings.put("group.initial.rebalance.delay.ms", "0");
            }
            if (secureListener != null) {
                String listener = "listener.name." + SECURE_LISTENER.toLowerCase() + ".";
                settings.put("listener.security.protocol.map",
                        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SECURE_LISTENER + ":SASL_SSL");
                settings.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
                settings.put(listener + "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                settings.put(listener + "ssl.keystore.type", "PKCS12");
                settings.put(listener + "ssl.keystore.location", secureListener.keyStore().toString());
                settings.put(listener + "ssl.keystore.password", secureListener.password());
                settings.put(listener + "ssl.key.password", secureListener.password());
                settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                settings.put("super.users", String.join(";", superUsers));
            }
            return settings;
        }
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

    /**
     * host:port of every broker's plaintext listener, for {@code bootstrap.servers}; the same ports after a broker
     * restarts.
     */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** host:port of every broker's {@linkplain SecureListener secure listener}. */
    public String secureBootstrapServers() {
        if (secureBootstrapServers == null) {
            throw new IllegalStateException("this cluster was started without a secure listener");
        }
        return secureBootstrapServers;
    }

    /** The ids of the brokers, 0 to N - 1. */
    public Set<Integer> brokerIds() {
        return cluster.brokers().keySet();
    }

    /** An admin client on the plaintext listener, as the {@value #SUPER_USER} super user. */
    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /** Creates the topics and waits for the brokers to confirm them. */
    public void createTopics(Collection<NewTopic> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    /** Creates, or changes, the SCRAM-SHA-512 credentials of {@code user}, for the secure listener. */
    public void createScramUser(String user, String password) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
        }
    }

    /**
     * Stops every broker, as a broker crash would look to clients: connections are refused until
     * {@link #startBroker}. The controller keeps running, and the ports stay reserved for the restart.
     */
    public void stopBroker() {
        brokerIds().forEach(this::stopBroker);
    }

    /** Stops broker {@code id} (see {@link #stopBroker()}); the others keep serving. */
    public void stopBroker(int id) {
        BrokerServer broker = broker(id);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts every stopped broker again on the same ports and log directories, and waits until they are ready. */
    public void startBroker() throws ExecutionException, InterruptedException {
        for (int id : brokerIds()) {
            startBroker(id);
        }
    }

    /** Starts the stopped broker {@code id} again, on its port and log directories, and waits until it is ready. */
    public void startBroker(int id) throws ExecutionException, InterruptedException {
        broker(id).startup();
        cluster.waitForReadyBrokers();
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + "; the brokers are " + brokerIds());
        }
        return broker;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
