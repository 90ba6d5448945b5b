package io.policystreams.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
            "steps");

    @Test
    void showsFractionRateAndEta() {
        // a quarter done in 10 s: 4,000 steps/s, 30 s to go
        assertEquals("[########----------------------]  25.0% | 40,000 steps | 4,000 steps/s | elapsed 0:10 | ETA 0:30",
                bar.line(40_000, 0.25, 10.0));
    }

    @Test
    void hasNoEtaBeforeAnyProgressAndHoursOnLongRuns() {
        assertTrue(bar.line(0, 0.0, 1.0).endsWith("ETA --:--"));
        assertEquals("1:01:05", ProgressBar.clock(3665));
    }

    @Test
    void theFirstUpdateDrawsAndTheNextWaitsForTheRefreshInterval() {
        bar.update(5, 0.5);
        bar.update(6, 0.6);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(" 50.0% | 5 steps"), printed);
        assertEquals(1, printed.lines().count(), printed);
    }

    @Test
    void finishPrintsTheCompleteBar() {
        bar.finish(12);

        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("[" + "#".repeat(30) + "] 100.0% | 12 steps"));
    }
}
