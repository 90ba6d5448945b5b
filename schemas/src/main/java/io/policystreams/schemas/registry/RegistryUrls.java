package io.policystreams.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code schema.registry.url} as Confluent documents it: one base URL or a comma-separated list of them, tried in
 * turn when one cannot be reached; or {@code mock://SCOPE}, alone, for the in-memory registry. A malformed value
 * is refused when the configuration is read ({@link #VALIDATOR}), not at the first record.
 */
public final class RegistryUrls {

    static final String MOCK_PREFIX = "mock://";

    /** Checks the setting wherever it is defined. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                parse(name, value.toString());
            }
        }

        @Override
        public String toString() {
            return "http(s)://host[:port][/path][,http(s)://...] or mock://SCOPE";
        }
    };

    private RegistryUrls() {
    }

    /** The base URLs, without a trailing slash, in the order given; a mock:// value as it is. */
    public static List<String> parse(String name, String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith(MOCK_PREFIX)) {
            if (trimmed.length() == MOCK_PREFIX.length() || trimmed.contains(",")) {
                throw new ConfigException(name, value, "mock:// takes one scope name and no other URL");
            }
            return List.of(trimmed);
        }
        List<String> urls = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            String url = part.trim();
            if (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            urls.add(checked(name, value, url));
        }
        return List.copyOf(urls);
    }

    private static String checked(String name, String value, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new ConfigException(name, value, "each URL needs http:// or https:// and a host, got '" + url
                        + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ConfigException(name, value, "'" + url + "' is not a URL: " + e.getReason());
        }
    }
}
