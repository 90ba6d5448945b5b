package io.policystreams.replay;

import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** A new model's spec from a recorded one: a new id, and optionally another algorithm, seed or hyperparameters. */
public final class SpecOverrides {

    private SpecOverrides() {
    }

    /**
     * @param algorithm       the new algorithm's name, or null to keep it
     * @param seed            the new seed, or null to keep it
     * @param valueNetwork    hidden sizes of a value network to add or replace ("64,64"; "" for a linear one), or
     *                        null to keep the base spec's
     * @param hyperparameters hyperparameter values by field name ({@code gamma=0.95}, {@code optimizer=SGD})
     */
    public static ModelSpec apply(ModelSpec base, String modelId, String algorithm, Long seed, String valueNetwork,
                                  Map<String, String> hyperparameters) {
        ModelSpec.Builder spec = ModelSpec.newBuilder(base).setModelId(modelId);
        if (algorithm != null) {
            spec.setAlgorithm(enumValue(Algorithm.class, "algorithm", algorithm));
        }
        if (seed != null) {
            spec.setSeed(seed);
        }
        if (valueNetwork != null) {
            spec.setValueNetwork(NetworkArchitecture.newBuilder(base.getPolicyNetwork())
                    .setHiddenSizes(hiddenSizes(valueNetwork)).build());
        }
        Hyperparameters h = Hyperparameters.newBuilder(base.getHyperparameters()).build();
        hyperparameters.forEach((name, value) -> set(h, name, value));
        return spec.setHyperparameters(h).build();
    }

    private static void set(Hyperparameters h, String name, String value) {
        Schema.Field field = h.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException("no hyperparameter " + name + "; there are " + h.getSchema()
                    .getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", ")));
        }
        try {
            h.put(field.pos(), switch (field.schema().getType()) {
                case DOUBLE -> Double.parseDouble(value);
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case BOOLEAN -> parseBoolean(value);
                case ENUM -> enumValue(h.get(field.pos()).getClass().asSubclass(Enum.class), name, value);
                default -> throw new IllegalArgumentException("hyperparameter " + name + " cannot be set here");
            });
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + name + " takes a " + field.schema().getType()
                    .getName() + ", got " + value);
        }
    }

    private static boolean parseBoolean(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new NumberFormatException(value);
        }
        return Boolean.parseBoolean(value);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + List.of(type.getEnumConstants())
                    + ", got " + value);
        }
    }

    private static List<Integer> hiddenSizes(String sizes) {
        if (sizes.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--value-network takes widths like 64,64, got " + sizes);
        }
    }
}
