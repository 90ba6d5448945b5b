package io.policystreams.commandline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.ParseResult;

/**
 * The options a command was given, as picocli parsed them against its {@link Option}s: values read by name, with
 * the command's defaults; a number that does not parse is an {@link IllegalArgumentException} naming the option.
 */
public final class Arguments {

    private final ParseResult parsed;

    Arguments(ParseResult parsed) {
        this.parsed = parsed;
        if (has(Logging.VERBOSE)) {
            Logging.verbose();
        }
    }

    public String get(String name, String defaultValue) {
        return has(name) ? parsed.matchedOptionValue(name, defaultValue) : defaultValue;
    }

    /** The value of a required option; its absence is an error naming it. */
    public String require(String name) {
        if (!has(name)) {
            throw new IllegalArgumentException(name + " is required");
        }
        return get(name, null);
    }

    public int getInt(String name, int defaultValue) {
        return has(name) ? parse(name, Integer::parseInt) : defaultValue;
    }

    public long getLong(String name, long defaultValue) {
        return has(name) ? parse(name, Long::parseLong) : defaultValue;
    }

    public double getDouble(String name, double defaultValue) {
        return has(name) ? parse(name, Double::parseDouble) : defaultValue;
    }

    /** A comma-separated list of numbers, such as {@code --loads 0.5,0.9}. */
    public List<Double> getDoubles(String name, List<Double> defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        try {
            return Arrays.stream(get(name, "").split(",")).map(String::trim).map(Double::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes numbers separated by commas, got " + get(name, ""));
        }
    }

    private <T> T parse(String name, Function<String, T> parser) {
        try {
            return parser.apply(get(name, null));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + get(name, null));
        }
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        return parsed.hasMatchedOption(name);
    }

    /** The {@code --set key=value} pairs. */
    public Map<String, String> settings() {
        return pairs(Program.SET);
    }

    /** The {@code key=value} pairs given to {@code name}, in order. */
    public Map<String, String> pairs(String name) {
        return has(name) ? Map.copyOf(parsed.matchedOptionValue(name, Map.<String, String>of())) : Map.of();
    }
}
