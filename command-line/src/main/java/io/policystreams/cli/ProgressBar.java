package io.policystreams.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar for long runs: done fraction, count, rate and ETA, redrawn in place on a terminal and printed as
 * a line every few seconds otherwise (CI logs, pipes). ETA = elapsed · (1 − f) / f.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long LOG_REFRESH_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDrawn = Long.MIN_VALUE;

    /** @param unit what is counted, plural ("steps") */
    public ProgressBar(PrintStream out, boolean terminal, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.unit = unit;
    }

    /** On a terminal when the JVM has a console, as line-per-interval output otherwise. */
    public static ProgressBar onStandardError(String unit) {
        return new ProgressBar(System.err, System.console() != null, unit);
    }

    /** @param fraction of the work done, in [0, 1] */
    public void update(long done, double fraction) {
        long now = System.nanoTime();
        if (now - lastDrawn < (terminal ? TERMINAL_REFRESH_NANOS : LOG_REFRESH_NANOS)) {
            return;
        }
        lastDrawn = now;
        draw(done, fraction, now);
    }

    /** Draws the final state and ends the line. */
    public void finish(long done) {
        draw(done, 1.0, System.nanoTime());
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(long done, double fraction, long now) {
        String line = line(done, fraction, (now - started) / 1e9);
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The bar's text after {@code seconds} of work. */
    String line(long done, double fraction, double seconds) {
        double f = Math.max(0.0, Math.min(1.0, fraction));
        int filled = (int) Math.round(f * WIDTH);
        String eta = f > 0.0 ? clock(seconds * (1.0 - f) / f) : "--:--";
        return String.format(Locale.ROOT, "[%s%s] %5.1f%% | %,d %s | %,.0f %s/s | elapsed %s | ETA %s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), 100.0 * f, done, unit, done / Math.max(seconds, 1e-9), unit,
                clock(seconds), eta);
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
