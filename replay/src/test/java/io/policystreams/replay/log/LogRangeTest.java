package io.policystreams.replay.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogRangeTest {

    @Test
    void offsetsApplyToEveryPartitionOrPerPartition() {
        LogRange range = LogRange.parse("100", "0:500,2:40", null, null);

        assertEquals(100L, range.fromOffset(0));
        assertEquals(100L, range.fromOffset(5));
        assertEquals(500L, range.toOffset(0));
        assertEquals(40L, range.toOffset(2));
        assertNull(range.toOffset(1));
    }

    @Test
    void timesAreIsoInstantsOrEpochMilliseconds() {
        LogRange range = LogRange.parse(null, null, "2026-11-22T10:00:00Z", "1700000000000");

        assertEquals(1_795_341_600_000L, range.fromTime());
        assertEquals(1_700_000_000_000L, range.toTime());
        assertEquals("from time 2026-11-22T10:00:00Z to time 2023-11-14T22:13:20Z", range.toString());
    }

    @Test
    void badBoundsAreNamed() {
        assertEquals("bound each side of the range by an offset or a time, not both",
                assertThrows(IllegalArgumentException.class, () -> LogRange.parse("1", null, "2", null)).getMessage());
        assertEquals("--to-offset takes OFFSET or PARTITION:OFFSET,..., got 0:x",
                assertThrows(IllegalArgumentException.class, () -> LogRange.parse(null, "0:x", null, null))
                        .getMessage());
        assertEquals("--from-offset must be >= 0, was -3",
                assertThrows(IllegalArgumentException.class, () -> LogRange.parse("-3", null, null, null))
                        .getMessage());
        assertEquals("--from-time takes an ISO-8601 instant or epoch milliseconds, got yesterday",
                assertThrows(IllegalArgumentException.class, () -> LogRange.parse(null, null, "yesterday", null))
                        .getMessage());
    }
}
