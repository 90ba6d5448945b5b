package io.policystreams.demo;

import java.io.PrintStream;

/**
 * A compact status line, redrawn in place on a terminal (carriage return) and printed every few seconds
 * otherwise (CI logs, pipes).
 */
final class ProgressLine {

    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long LOG_REFRESH_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDrawn;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(long episodes, long steps, long version, double meanReturn, int window, double target) {
        long now = System.nanoTime();
        if (now - lastDrawn < (terminal ? TERMINAL_REFRESH_NANOS : LOG_REFRESH_NANOS)) {
            return;
        }
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        String line = String.format("episodes %,6d | env steps %,9d | policy v%-5d | mean return (last %d) %6.1f / %.0f"
                + " | %,7.0f steps/s | %6.1f s", episodes, steps, version, window, meanReturn, target,
                steps / Math.max(seconds, 1e-9), seconds);
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
