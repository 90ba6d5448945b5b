package io.policystreams.demo;

import io.policystreams.commandline.StatusLine;
import java.io.PrintStream;

/** The demo's status line: episodes, steps, version, mean return (against the target, if any), rate and time. */
final class ProgressLine {

    private final StatusLine status;

    ProgressLine(PrintStream out, boolean terminal) {
        this.status = new StatusLine(out, terminal);
    }

    void update(long episodes, long steps, long version, double meanReturn, int window, double target) {
        if (!status.due()) {
            return;
        }
        double seconds = status.elapsedSeconds();
        String goal = Double.isNaN(target) ? "" : String.format(" / %.0f", target);
        status.draw(String.format("episodes %,6d | env steps %,9d | policy v%-5d | mean return (last %d) %6.1f%s"
                + " | %,7.0f steps/s | %6.1f s", episodes, steps, version, window, meanReturn, goal,
                steps / Math.max(seconds, 1e-9), seconds));
    }

    void finish() {
        status.finish();
    }
}
