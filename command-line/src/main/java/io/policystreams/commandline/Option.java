package io.policystreams.commandline;

import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option of a program, declared once: its name, the label of its value, and what it does. picocli parses it
 * and {@code --help} lists it. Values are read through {@link Arguments}.
 */
public record Option(String name, String label, String description, Kind kind) {

    /** What the option takes. */
    public enum Kind {
        /** {@code --name VALUE}. */
        VALUE,
        /** {@code --name}, no value. */
        FLAG,
        /** {@code --name KEY=VALUE}, repeatable. */
        PAIRS
    }

    /** {@code --name LABEL}. */
    public static Option value(String name, String label, String description) {
        return new Option(name, label, description, Kind.VALUE);
    }

    /** {@code --name} on its own. */
    public static Option flag(String name, String description) {
        return new Option(name, null, description, Kind.FLAG);
    }

    /** {@code --name KEY=VALUE}, as often as needed. */
    public static Option pairs(String name, String label, String description) {
        return new Option(name, label, description, Kind.PAIRS);
    }

    OptionSpec spec() {
        OptionSpec.Builder option = OptionSpec.builder(name).description(description);
        return switch (kind) {
            case VALUE -> option.paramLabel(label).type(String.class).build();
            case FLAG -> option.arity("0").type(boolean.class).build();
            case PAIRS -> option.paramLabel(label).type(Map.class).auxiliaryTypes(String.class, String.class)
                    .build();
        };
    }
}
