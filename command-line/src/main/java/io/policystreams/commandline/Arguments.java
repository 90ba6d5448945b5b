package io.policystreams.commandline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value}, {@code --flag} and repeatable {@code --name key=value} arguments, checked against the known
 * names. {@code --set key=value} (client and registry settings) is always accepted, and so is
 * {@code --verbose}, which turns on every library's logging at once ({@link Logging#verbose()}).
 */
public final class Arguments {

    private static final String SET = "--set";

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Map<String, String>> pairs = new HashMap<>();

    /**
     * @param options names taking a value
     * @param flags   names taking none
     */
    public Arguments(String[] args, Set<String> options, Set<String> flags, String usage) {
        this(args, options, flags, Set.of(), usage);
    }

    /** @param pairOptions names taking a {@code key=value} value, repeatable; read with {@link #pairs(String)} */
    public Arguments(String[] args, Set<String> options, Set<String> flags, Set<String> pairOptions, String usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals(Logging.VERBOSE)) {
                values.put(name, "true");
                Logging.verbose();
            } else if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name) || pairOptions.contains(name) || name.equals(SET)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value\n" + usage);
                }
                String value = args[++i];
                if (options.contains(name)) {
                    values.put(name, value);
                } else {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException(name + " takes key=value, got " + value);
                    }
                    pairs.computeIfAbsent(name, n -> new LinkedHashMap<>())
                            .put(value.substring(0, equals), value.substring(equals + 1));
                }
            } else {
                throw new IllegalArgumentException("unknown argument " + name + "\n" + usage);
            }
        }
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** The value of a required option; its absence is an error naming it. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public int getInt(String name, int defaultValue) {
        return values.containsKey(name) ? parse(name, Integer::parseInt) : defaultValue;
    }

    public long getLong(String name, long defaultValue) {
        return values.containsKey(name) ? parse(name, Long::parseLong) : defaultValue;
    }

    public double getDouble(String name, double defaultValue) {
        return values.containsKey(name) ? parse(name, Double::parseDouble) : defaultValue;
    }

    /** A comma-separated list of numbers, such as {@code --loads 0.5,0.9}. */
    public java.util.List<Double> getDoubles(String name, java.util.List<Double> defaultValue) {
        if (!values.containsKey(name)) {
            return defaultValue;
        }
        try {
            return java.util.Arrays.stream(values.get(name).split(",")).map(String::trim).map(Double::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes numbers separated by commas, got " + values.get(name));
        }
    }

    private <T> T parse(String name, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + values.get(name));
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The {@code --set key=value} pairs. */
    public Map<String, String> settings() {
        return pairs(SET);
    }

    /** The {@code key=value} pairs given to {@code name}, in order. */
    public Map<String, String> pairs(String name) {
        return Map.copyOf(pairs.getOrDefault(name, Map.of()));
    }

    public static Set<String> names(String... names) {
        return Set.copyOf(List.of(names));
    }
}
