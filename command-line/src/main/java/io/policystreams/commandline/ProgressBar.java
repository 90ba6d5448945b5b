package io.policystreams.commandline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar for long runs: done fraction, count, rate and ETA, redrawn in place on a terminal and printed as
 * a line every few seconds otherwise (CI logs, pipes). ETA = elapsed · (1 − f) / f.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final StatusLine status;
    private final String unit;

    /** @param unit what is counted, plural ("steps") */
    public ProgressBar(PrintStream out, boolean terminal, String unit) {
        this.status = new StatusLine(out, terminal);
        this.unit = unit;
    }

    /** On a terminal when the JVM has a console, as line-per-interval output otherwise. */
    public static ProgressBar onStandardError(String unit) {
        return new ProgressBar(System.err, System.console() != null, unit);
    }

    /** @param fraction of the work done, in [0, 1] */
    public void update(long done, double fraction) {
        if (status.due()) {
            status.draw(line(done, fraction, status.elapsedSeconds()));
        }
    }

    /** Draws the final state and ends the line. */
    public void finish(long done) {
        status.draw(line(done, 1.0, status.elapsedSeconds()));
        status.finish();
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
