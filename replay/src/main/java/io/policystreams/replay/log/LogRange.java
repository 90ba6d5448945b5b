package io.policystreams.replay.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which part of a topic to read: from an offset or a timestamp (inclusive) to an offset or a timestamp (exclusive).
 * Offsets apply to every partition ({@code 100}) or per partition ({@code 0:100,2:40}); an absent bound means the
 * start of the log, or its end when the read begins.
 */
public record LogRange(Map<Integer, Long> fromOffsets, Long fromOffsetAll, Long fromTime,
                       Map<Integer, Long> toOffsets, Long toOffsetAll, Long toTime) {

    public static LogRange everything() {
        return new LogRange(Map.of(), null, null, Map.of(), null, null);
    }

    /** Parses the command-line forms; each argument may be null. Offsets and times may not both bound one side. */
    public static LogRange parse(String fromOffset, String toOffset, String fromTime, String toTime) {
        if (fromOffset != null && fromTime != null || toOffset != null && toTime != null) {
            throw new IllegalArgumentException("bound each side of the range by an offset or a time, not both");
        }
        Map<Integer, Long> from = new HashMap<>();
        Map<Integer, Long> to = new HashMap<>();
        Long fromAll = offsets("--from-offset", fromOffset, from);
        Long toAll = offsets("--to-offset", toOffset, to);
        return new LogRange(Map.copyOf(from), fromAll, time("--from-time", fromTime), Map.copyOf(to), toAll,
                time("--to-time", toTime));
    }

    /** The start offset of {@code partition} given by offsets, or null when the range does not name one. */
    public Long fromOffset(int partition) {
        return fromOffsets.getOrDefault(partition, fromOffsetAll);
    }

    public Long toOffset(int partition) {
        return toOffsets.getOrDefault(partition, toOffsetAll);
    }

    private static Long offsets(String option, String value, Map<Integer, Long> perPartition) {
        if (value == null) {
            return null;
        }
        try {
            if (!value.contains(":")) {
                return requireNonNegative(option, Long.parseLong(value.trim()));
            }
            for (String pair : value.split(",")) {
                String[] parts = pair.split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(option + " takes OFFSET or PARTITION:OFFSET,..., got " + value);
                }
                perPartition.put(Integer.parseInt(parts[0].trim()), requireNonNegative(option,
                        Long.parseLong(parts[1].trim())));
            }
            return null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes OFFSET or PARTITION:OFFSET,..., got " + value);
        }
    }

    private static long requireNonNegative(String option, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException(option + " must be >= 0, was " + offset);
        }
        return offset;
    }

    /** An ISO-8601 instant ({@code 2026-11-22T10:00:00Z}) or milliseconds since the epoch. */
    private static Long time(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value)
                    : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 instant or epoch milliseconds, got "
                    + value);
        }
    }

    @Override
    public String toString() {
        return "from " + bound(fromOffsets, fromOffsetAll, fromTime, "the start")
                + " to " + bound(toOffsets, toOffsetAll, toTime, "the end");
    }

    private static String bound(Map<Integer, Long> offsets, Long all, Long time, String none) {
        if (time != null) {
            return "time " + Instant.ofEpochMilli(time);
        }
        if (all != null) {
            return "offset " + all;
        }
        return offsets.isEmpty() ? none : "offsets " + new java.util.TreeMap<>(offsets);
    }
}
