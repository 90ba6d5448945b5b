package io.policystreams.app.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written padding writes what String.format wrote, so keys in existing stores keep matching. */
class StoreKeysTest {

    @Test
    void sameTextAsStringFormatForEveryWidthAndMagnitude() {
        Random rng = new Random(3);
        for (int width : new int[] {1, 10, 13, 19}) {
            for (long value : new long[] {0, 1, 9, 10, 99_999, 1_234_567_890L, 9_999_999_999L, Long.MAX_VALUE, -1,
                -42, Long.MIN_VALUE}) {
                assertEquals(String.format("%0" + width + "d", value), StoreKeys.zeroPadded(value, width),
                        value + " in " + width);
            }
            for (int i = 0; i < 10_000; i++) {
                long value = rng.nextLong() >>> rng.nextInt(64);
                assertEquals(String.format("%0" + width + "d", value), StoreKeys.zeroPadded(value, width));
            }
        }
    }
}
