package io.policystreams.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry's REST API over {@link InMemorySchemaRegistry}, for a local development registry
 * (the dev cluster) and the tests: what Confluent's clients call, with its bodies, error codes and statuses.
 * Subjects and versions ({@code latest} included), lookup, schemas by id and where they are used,
 * compatibility (per version and latest), {@code /config} globally and per subject, soft and permanent deletes.
 * Request bodies may be {@code application/vnd.schemaregistry.v1+json}, {@code application/vnd.schemaregistry+json}
 * or {@code application/json}. AVRO schemas only. Not for production: nothing is persisted or replicated.
 */
public final class ConfluentRegistryApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTENT_TYPES = Set.of("application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json", "application/json");
    private static final Pattern SUBJECTS = Pattern.compile("/subjects/?");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)/?");
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions/?");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)/?");
    private static final Pattern VERSION_SCHEMA = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)/schema/?");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)/?");
    private static final Pattern ID_VERSIONS = Pattern.compile("/schemas/ids/(\\d+)/versions/?");
    private static final Pattern ID_SUBJECTS = Pattern.compile("/schemas/ids/(\\d+)/subjects/?");
    private static final Pattern TYPES = Pattern.compile("/schemas/types/?");
    private static final Pattern COMPATIBILITY =
            Pattern.compile("/compatibility/subjects/([^/]+)/versions(?:/([^/]+))?/?");
    private static final Pattern CONFIG = Pattern.compile("/config/?");
    private static final Pattern SUBJECT_CONFIG = Pattern.compile("/config/([^/]+)/?");

    private final InMemorySchemaRegistry store;

    public ConfluentRegistryApi(InMemorySchemaRegistry store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                JsonNode body = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        query(exchange.getRequestURI().getRawQuery()), exchange);
                send(exchange, 200, body);
            } catch (SchemaRegistryException e) {
                error(exchange, e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (UnsupportedContentType e) {
                error(exchange, 415, 415, e.getMessage());
            } catch (RuntimeException e) {
                error(exchange, 500, 50001, "Error in the backend data store: " + e);
            }
        }
    }

    /** The answer to one request; throws {@link SchemaRegistryException} for Confluent's errors. */
    private JsonNode route(String method, String path, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        boolean deleted = "true".equals(query.get("deleted"));
        boolean permanent = "true".equals(query.get("permanent"));
        Matcher m;
        switch (method) {
            case "GET" -> {
                if (path.equals("/") || path.isEmpty()) {
                    return JSON.createObjectNode();
                } else if (SUBJECTS.matcher(path).matches()) {
                    return strings(store.subjects(deleted));
                } else if ((m = VERSIONS.matcher(path)).matches()) {
                    return numbers(store.versionNumbers(decode(m, 1), deleted));
                } else if ((m = VERSION_SCHEMA.matcher(path)).matches()) {
                    return JSON.readTree(store.version(decode(m, 1), decode(m, 2)).schema().toString());
                } else if ((m = VERSION.matcher(path)).matches()) {
                    return version(store.version(decode(m, 1), decode(m, 2)));
                } else if ((m = ID_VERSIONS.matcher(path)).matches()) {
                    ArrayNode usages = JSON.createArrayNode();
                    store.versionsOfId(id(m)).forEach(v -> usages.addObject().put("subject", v.subject())
                            .put("version", v.version()));
                    return usages;
                } else if ((m = ID_SUBJECTS.matcher(path)).matches()) {
                    return strings(store.versionsOfId(id(m)).stream().map(InMemorySchemaRegistry.Version::subject)
                            .distinct().toList());
                } else if ((m = BY_ID.matcher(path)).matches()) {
                    return JSON.createObjectNode().put("schema", store.schemaById(id(m)).toString());
                } else if (TYPES.matcher(path).matches()) {
                    return strings(List.of("AVRO"));
                } else if (CONFIG.matcher(path).matches()) {
                    return JSON.createObjectNode().put("compatibilityLevel", store.globalLevel());
                } else if ((m = SUBJECT_CONFIG.matcher(path)).matches()) {
                    String level = store.subjectLevel(decode(m, 1));
                    if (level == null && !"true".equals(query.get("defaultToGlobal"))) {
                        throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_LEVEL_NOT_CONFIGURED,
                                "Subject '" + decode(m, 1) + "' does not have subject-level compatibility "
                                        + "configured");
                    }
                    return JSON.createObjectNode().put("compatibilityLevel", level == null ? store.globalLevel()
                            : level);
                }
            }
            case "POST" -> {
                if ((m = VERSIONS.matcher(path)).matches()) {
                    return JSON.createObjectNode().put("id", store.register(decode(m, 1), schemaOf(exchange)));
                } else if ((m = COMPATIBILITY.matcher(path)).matches()) {
                    String version = m.group(2) == null ? "latest" : decode(m, 2);
                    return JSON.createObjectNode().put("is_compatible",
                            store.isCompatible(decode(m, 1), schemaOf(exchange), version));
                } else if ((m = SUBJECT.matcher(path)).matches()) {
                    return version(store.lookup(decode(m, 1), schemaOf(exchange), deleted));
                }
            }
            case "PUT" -> {
                if (CONFIG.matcher(path).matches()) {
                    store.setGlobalLevel(level(exchange));
                    return JSON.createObjectNode().put("compatibility", store.globalLevel());
                } else if ((m = SUBJECT_CONFIG.matcher(path)).matches()) {
                    store.setSubjectLevel(decode(m, 1), level(exchange));
                    return JSON.createObjectNode().put("compatibility", store.subjectLevel(decode(m, 1)));
                }
            }
            case "DELETE" -> {
                if ((m = VERSION.matcher(path)).matches()) {
                    return JSON.getNodeFactory().numberNode(store.deleteVersion(decode(m, 1), decode(m, 2),
                            permanent));
                } else if ((m = SUBJECT.matcher(path)).matches()) {
                    return numbers(store.deleteSubject(decode(m, 1), permanent));
                } else if ((m = SUBJECT_CONFIG.matcher(path)).matches()) {
                    String before = store.clearSubjectLevel(decode(m, 1));
                    if (before == null) {
                        throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                                "Subject '" + decode(m, 1) + "' not found.");
                    }
                    return JSON.createObjectNode().put("compatibilityLevel", before);
                }
            }
            default -> {
                // answered below
            }
        }
        throw new SchemaRegistryException(404, "HTTP 404 Not Found");
    }

    private static ObjectNode version(InMemorySchemaRegistry.Version version) {
        return JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema().toString());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode numbers(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String decode(Matcher m, int group) {
        return URLDecoder.decode(m.group(group), StandardCharsets.UTF_8);
    }

    private static int id(Matcher m) {
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                (first, second) -> second));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null
                && !CONTENT_TYPES.contains(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT))) {
            throw new UnsupportedContentType("unsupported content type " + contentType + "; send one of "
                    + CONTENT_TYPES);
        }
        return JSON.readTree(exchange.getRequestBody());
    }

    private static Schema schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: schemaType "
                    + type + " is not supported by this registry (AVRO only)");
        }
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (RuntimeException e) { // Avro 1.12 throws NullPointerException for an undefined type name
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: " + e.getMessage());
        }
    }

    private static String level(HttpExchange exchange) throws IOException {
        return body(exchange).path("compatibility").asText(null);
    }

    /** Answers with Confluent's error body: {@code {"error_code": ..., "message": ...}}. */
    public static void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A body in a content type the registry does not read: 415. */
    private static final class UnsupportedContentType extends RuntimeException {
        UnsupportedContentType(String message) {
            super(message);
        }
    }
}
