package io.policystreams.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.schemas.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over HTTPS: the registry's self-signed certificate for 127.0.0.1 (made with the running JDK's
 * keytool) is trusted only through schema.registry.ssl.truststore.*.
 */
class RegistryTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static ConfluentApiServer server;
    private static Path trustStore;

    @BeforeAll
    static void startHttpsRegistry() throws Exception {
        Path keyStore = dir.resolve("registry.p12");
        Path certificate = dir.resolve("registry.crt");
        trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        server = new ConfluentApiServer(serverContext(keyStore));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registersOverTlsWithTheConfiguredTrustStore() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(new SchemaRegistryConfig(Map.of(
                SchemaRegistryConfig.SCHEMA_REGISTRY_URL, server.url(),
                SchemaRegistryConfig.SSL_TRUSTSTORE_LOCATION, trustStore.toString(),
                SchemaRegistryConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD)));

        int id = client.register("tls-steps-value", Step.getClassSchema());

        assertEquals(Step.getClassSchema(), client.schemaById(id));
    }

    @Test
    void refusesTheCertificateWithoutTheTrustStore() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(new SchemaRegistryConfig(Map.of(
                SchemaRegistryConfig.SCHEMA_REGISTRY_URL, server.url(),
                SchemaRegistryConfig.MAX_RETRIES, 0)));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("tls-steps-value", Step.getClassSchema()));
        assertEquals(SchemaRegistryException.UNREACHABLE, e.errorCode());
        assertTrue(e.getMessage().contains("SSL"), e.getMessage());
    }

    private static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
