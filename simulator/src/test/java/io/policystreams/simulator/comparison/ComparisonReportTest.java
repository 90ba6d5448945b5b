package io.policystreams.simulator.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    @TempDir
    Path folder;

    private final ComparisonResult result = new ComparisonResult("Title", "mean slowdown", "shortest job first", List.of(
            new ComparisonResult.Entry(0.5, "learned (greedy)", new double[] {2, 4}, 0),
            new ComparisonResult.Entry(0.5, "shortest job first", new double[] {3, 5}, 3),
            new ComparisonResult.Entry(1.0, "learned (greedy)", new double[] {6, 8}, 0),
            new ComparisonResult.Entry(1.0, "shortest job first", new double[] {7, 9}, 0)));

    @Test
    void theTableHasAColumnPerLoadARowPerContenderAndTheGainsOverTheBestAndTheReferenceHeuristic() {
        String[] lines = ComparisonReport.markdown(result).split("\n");

        assertEquals("| mean slowdown | load 0.50 | load 1.00 |", lines[2]);
        // mean 3, s = √2, t_{0.975,1} = 12.706: half-width 12.706 · √2 / √2
        assertEquals("| shortest job first | 4.00 ± 12.71 (3 unfinished) | 8.00 ± 12.71 |", lines[5]);
        assertEquals("| learned (greedy) vs best heuristic | +25.0% ± 0.0% (shortest job first) "
                + "| +12.5% ± 0.0% (shortest job first) |", lines[6]);
        assertEquals("| learned (greedy) vs shortest job first | +25.0% ± 0.0% | +12.5% ± 0.0% |", lines[7]);
    }

    @Test
    void thePlotIsAPngAndAnSvg() throws Exception {
        Path png = ComparisonReport.writeChart(result, folder);

        assertEquals(folder.resolve("comparison.png"), png);
        assertEquals(960, ImageIO.read(png.toFile()).getWidth());
        assertTrue(java.nio.file.Files.readString(folder.resolve("comparison.svg")).contains("<svg"));
    }
}
