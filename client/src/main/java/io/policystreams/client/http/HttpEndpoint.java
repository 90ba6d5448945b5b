package io.policystreams.client.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's HTTP endpoint: Prometheus' {@code /metrics} (the text exposition format of Micrometer's Prometheus
 * registry) and {@code /-/healthy} on the {@code http.port} of the settings, and whatever else the program
 * {@linkplain #route routes} there (the learner's dashboard). The JDK's HTTP server, with the Prometheus client's
 * own handlers. Port 0 takes a free port ({@link #port()} says which); {@link #OFF} starts no server, and the
 * registry still records.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** The {@code http.port} value that starts no server. */
    public static final int OFF = -1;

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService threads;

    private HttpEndpoint(PrometheusMeterRegistry registry, HttpServer server, ExecutorService threads) {
        this.registry = registry;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts the endpoint of program {@code program} (a label on every metric, {@code program="learner"}) on
     * {@code port}, with the JVM's memory, GC, thread, CPU and uptime metrics registered.
     */
    public static HttpEndpoint start(String program, int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("program", program);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (port == OFF) {
            return new HttpEndpoint(registry, null, null);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http.port must be 0 to 65535, or -1 for no endpoint; was " + port);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, program + "-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.createContext("/metrics", new MetricsHandler(registry.getPrometheusRegistry()));
            server.createContext("/-/healthy", new HealthyHandler());
            server.start();
            HttpEndpoint endpoint = new HttpEndpoint(registry, server, threads);
            LOG.info("metrics on http://localhost:{}/metrics", endpoint.port());
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on http.port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Where meters go; exposed at {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Serves {@code path} and everything under it with {@code handler}; nothing when the endpoint is off. */
    public HttpEndpoint route(String path, HttpHandler handler) {
        if (server != null) {
            server.createContext(path, handler);
        }
        return this;
    }

    /** The port listened on; {@link #OFF} when off. */
    public int port() {
        return server == null ? OFF : server.getAddress().getPort();
    }

    /** {@code http://localhost:PORT}; null when off. */
    public String url() {
        return server == null ? null : "http://localhost:" + port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
        registry.close();
    }
}
