package io.policystreams.commandline;

import java.io.PrintStream;

/**
 * A status line redrawn in place on a terminal (carriage return, at most every 200 ms) and printed as a line every
 * few seconds otherwise (CI logs, pipes).
 */
public final class StatusLine {

    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long LOG_REFRESH_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private boolean drawn;
    private long lastDrawn;

    public StatusLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Seconds since the line was created. */
    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Whether to draw now: nothing drawn yet, or the refresh interval has passed since the last draw. */
    public boolean due() {
        return !drawn || System.nanoTime() - lastDrawn >= (terminal ? TERMINAL_REFRESH_NANOS : LOG_REFRESH_NANOS);
    }

    /** Shows {@code line} now. */
    public void draw(String line) {
        drawn = true;
        lastDrawn = System.nanoTime();
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the line on a terminal. */
    public void finish() {
        if (terminal) {
            out.println();
        }
        out.flush();
    }
}
