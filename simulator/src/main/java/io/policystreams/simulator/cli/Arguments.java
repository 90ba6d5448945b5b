package io.policystreams.simulator.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, checked against the known names. */
public final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();

    /**
     * @param options names taking a value; {@code --set key=value} may repeat and collects client settings
     * @param flags   names taking none
     */
    public Arguments(String[] args, Set<String> options, Set<String> flags, String usage) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name) || name.equals("--set")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value\n" + usage);
                }
                String value = args[++i];
                if (name.equals("--set")) {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--set takes key=value, got " + value);
                    }
                    settings.put(value.substring(0, equals), value.substring(equals + 1));
                } else {
                    values.put(name, value);
                }
            } else {
                throw new IllegalArgumentException("unknown argument " + name + "\n" + usage);
            }
        }
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public int getInt(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    public long getLong(String name, long defaultValue) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : defaultValue;
    }

    public double getDouble(String name, double defaultValue) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : defaultValue;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The {@code --set key=value} pairs. */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public static Set<String> names(String... names) {
        return Set.copyOf(List.of(names));
    }
}
