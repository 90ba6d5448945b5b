package io.policystreams.dev;

import com.sun.net.httpserver.HttpServer;
import io.policystreams.client.ClientConfig;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import io.policystreams.embedded.EmbeddedKafka;
import io.policystreams.schemas.registry.ConfluentRegistryApi;
import io.policystreams.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local cluster for multi-process development ({@code policy-streams dev}): the embedded KRaft broker and a
 * Schema Registry with Confluent's REST API ({@link ConfluentRegistryApi}) on 127.0.0.1, like
 * {@code confluent local services start}. Everything lives in memory and goes when it stops. For development
 * only: production uses Confluent Schema Registry, Karapace or Apicurio.
 */
public final class DevCluster implements AutoCloseable {

    static final List<Option> OPTIONS = List.of(
            Option.value("--registry-port", "PORT", "the Schema Registry's port on 127.0.0.1 (default 8081; 0 a "
                    + "free one)"),
            Option.value("--properties", "FILE", "also write bootstrap.servers and schema.registry.url there, for "
                    + "the other programs' --config"),
            Option.value("--http-port", "PORT", "/metrics there (default 0: a free port; -1 none)"));

    private final EmbeddedKafka kafka;
    private final HttpServer registry;
    private final ExecutorService registryThreads;
    private final HttpEndpoint endpoint;

    private DevCluster(EmbeddedKafka kafka, HttpServer registry, ExecutorService registryThreads,
                       HttpEndpoint endpoint) {
        this.kafka = kafka;
        this.registry = registry;
        this.registryThreads = registryThreads;
        this.endpoint = endpoint;
    }

    /** Starts the broker, the registry on {@code registryPort} (0: a free one) and /metrics on {@code httpPort}. */
    public static DevCluster start(int registryPort, int httpPort) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    registryPort), 0);
            ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "dev-registry");
                thread.setDaemon(true);
                return thread;
            });
            registry.setExecutor(threads);
            registry.createContext("/", new ConfluentRegistryApi(new InMemorySchemaRegistry()));
            registry.start();
            return new DevCluster(kafka, registry, threads, HttpEndpoint.start("dev", httpPort));
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return "http://127.0.0.1:" + registry.getAddress().getPort();
    }

    /** The settings a program needs to use this cluster, as a properties file's lines. */
    public String properties() {
        return ClientConfig.BOOTSTRAP_SERVERS + "=" + bootstrapServers() + "\n" + ClientConfig.SCHEMA_REGISTRY_URL
                + "=" + schemaRegistryUrl() + "\n";
    }

    /** {@code dev}: starts the cluster, prints its settings, and runs until SIGTERM or Ctrl-C. */
    public static Program program() {
        return Program.command("dev", "Starts a local cluster for development: an embedded Kafka broker (KRaft, one "
                + "node) and a Schema Registry with Confluent's REST API, on 127.0.0.1; prints the settings to use "
                + "and runs until Ctrl-C. In memory, for development only.", OPTIONS, DevCluster::run);
    }

    private static int run(Arguments arguments) throws Exception {
        DevCluster cluster = start(arguments.getInt("--registry-port", 8081), arguments.getInt("--http-port", 0));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "dev-cluster-shutdown"));
        // The file first: whoever waits for the printed settings may read it at once.
        Path file = arguments.has("--properties") ? Path.of(arguments.get("--properties", null)) : null;
        if (file != null) {
            try {
                Files.writeString(file, cluster.properties());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        PrintStream out = System.out;
        out.print("A local Kafka broker and Schema Registry, for development (production: Confluent Schema "
                + "Registry, Karapace or Apicurio). Ctrl-C stops both; nothing is kept.\n" + cluster.properties());
        if (file != null) {
            out.println("(also in " + file + ": policy-streams app --config " + file + ")");
        }
        out.flush();
        stopped.await();
        return 0;
    }

    @Override
    public void close() {
        try {
            endpoint.close();
            registry.stop(0);
            registryThreads.shutdownNow();
        } finally {
            try {
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException("the embedded broker did not close cleanly", e);
            }
        }
    }
}
