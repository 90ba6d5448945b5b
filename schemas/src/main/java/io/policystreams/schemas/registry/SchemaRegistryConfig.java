package io.policystreams.schemas.registry;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the registry client and the Avro serde, under Confluent's names so existing properties work as
 * they are. Unknown keys (the rest of a Kafka client's configuration) are ignored.
 */
public final class SchemaRegistryConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Base URL of a Confluent-compatible Schema Registry "
            + "(Confluent, Apicurio's ccompat API, Karapace, Redpanda), or a comma-separated list of them, tried in "
            + "turn when one cannot be reached; or mock://<scope> for an in-memory registry shared by everything in "
            + "this JVM configured with the same scope.";

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Whether the serializer registers the record's "
            + "schema under <topic>-value (or -key). If false, the schema must be registered already.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "USER_INFO to send HTTP basic "
            + "authentication from basic.auth.user.info; empty for none.";

    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "user:password for HTTP basic authentication.";

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    private static final String SSL_TRUSTSTORE_LOCATION_DOC = "Trust store of the registry's TLS certificate; "
            + "empty for the JVM's default trust.";

    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    private static final String SSL_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    private static final String SSL_TRUSTSTORE_TYPE_DOC = "Type of the trust store (PKCS12 or JKS).";

    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "Timeout of one HTTP request to the registry.";

    public static final String MAX_RETRIES = "schema.registry.max.retries";
    private static final String MAX_RETRIES_DOC = "Retries of a request that failed to reach the registry or got "
            + "a 5xx answer, before the error is raised.";

    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Backoff before the first retry; it doubles per retry.";

    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of the backoff between retries.";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, RegistryUrls.VALIDATOR,
                    Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "", ConfigDef.ValidString.in("", "USER_INFO"),
                    Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC)
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, SSL_TRUSTSTORE_PASSWORD_DOC)
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, SSL_TRUSTSTORE_TYPE_DOC)
            .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
            .define(MAX_RETRIES, Type.INT, 5, Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
            .define(RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                    RETRY_BACKOFF_MAX_MS_DOC);

    public SchemaRegistryConfig(Map<String, ?> originals) {
        super(CONFIG, originals, false);
    }

    public String url() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** The base URLs, in the order given ({@link RegistryUrls}). */
    public List<String> urls() {
        return RegistryUrls.parse(SCHEMA_REGISTRY_URL, url());
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** "user:password", or null without basic authentication. */
    public String basicAuthUserInfo() {
        if (!"USER_INFO".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            return null;
        }
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        return userInfo.value().isEmpty() ? null : userInfo.value();
    }
}
