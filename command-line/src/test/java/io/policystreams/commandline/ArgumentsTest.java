package io.policystreams.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final List<Option> OPTIONS = List.of(Option.value("--seed", "S", "seed"),
            Option.value("--out", "DIR", "where"), Option.flag("--publish", "publish"),
            Option.pairs("--hp", "NAME=VALUE", "hyperparameters"), Option.pairs(Program.SET, "KEY=VALUE", "settings"));

    private static Arguments parse(String... args) {
        return Program.parse(OPTIONS, args);
    }

    @Test
    void readsOptionsFlagsAndRepeatedPairs() {
        Arguments arguments = parse("--seed", "7", "--publish", "--hp", "gamma=0.9", "--hp", "epochs=2",
                "--set", "acks=all");

        assertEquals(7L, arguments.getLong("--seed", 1L));
        assertTrue(arguments.has("--publish"));
        assertFalse(arguments.has("--out"));
        assertEquals("results", arguments.get("--out", "results"));
        assertEquals(Map.of("gamma", "0.9", "epochs", "2"), arguments.pairs("--hp"));
        assertEquals(Map.of("acks", "all"), arguments.settings());
    }

    @Test
    void readsAListOfNumbers() {
        assertEquals(List.of(0.5, 1.25), parse("--out", "0.5, 1.25").getDoubles("--out", null));
        assertEquals(List.of(1.0), parse().getDoubles("--out", List.of(1.0)));
        assertEquals("--out takes numbers separated by commas, got 0.5,x", assertThrows(
                IllegalArgumentException.class, () -> parse("--out", "0.5,x").getDoubles("--out", null)).getMessage());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("Unknown options: '--sed', '1'",
                assertThrows(IllegalArgumentException.class, () -> parse("--sed", "1")).getMessage());
        assertEquals("Missing required parameter for option '--seed' (S)",
                assertThrows(IllegalArgumentException.class, () -> parse("--seed")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--hp", "gamma")).getMessage()
                .contains("should be in KEY=VALUE format"));
        assertEquals("--seed takes a number, got x",
                assertThrows(IllegalArgumentException.class, () -> parse("--seed", "x").getLong("--seed", 0))
                        .getMessage());
        assertEquals("--out is required",
                assertThrows(IllegalArgumentException.class, () -> parse().require("--out")).getMessage());
    }
}
