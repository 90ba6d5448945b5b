package io.policystreams.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ChartTest {

    @TempDir
    Path folder;

    @Test
    void aChartIsWrittenAsAPngOfItsSizeAndAnSvgWithItsTitlesAndSeries() throws Exception {
        double[] steps = {0, 18_772, 37_545, 56_317, 75_090};
        Path png = Chart.of("CartPole-v1", "environment steps", "episode return", 960, 540)
                .dots("episode return", steps, new double[] {12, 40, 180, 420, 500})
                .line("mean of the last 100", steps, new double[] {12, 30, 90, 260, 476}, true)
                .dashedLevel("target 475", 475, 0, 75_090)
                .write(folder, "learning-curve");

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(960, image.getWidth());
        assertEquals(540, image.getHeight());
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        Element svg = xml.newDocumentBuilder().parse(folder.resolve("learning-curve.svg").toFile())
                .getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertTrue(svg.getAttribute("width").startsWith("960"), svg.getAttribute("width"));
        assertTrue(svg.getElementsByTagName("path").getLength() > 10, "drawn as vector paths (text too)");
    }

    @Test
    void meansWithIntervalsDrawOnALogarithmicAxis() throws Exception {
        double[] loads = {0.5, 0.7, 0.9};
        Path png = Chart.of("scheduling", "offered load", "mean slowdown (log scale)", 960, 600).logarithmicY()
                .meansWithErrorBars("random", loads, new double[] {40, 90, 300}, new double[] {5, 10, 40}, false)
                .meansWithErrorBars("learned", loads, new double[] {1.2, 1.5, 2.1}, new double[] {0.1, 0.2, 0.3},
                        true)
                .write(folder, "comparison");

        assertEquals(600, ImageIO.read(png.toFile()).getHeight());
        assertTrue(Files.size(folder.resolve("comparison.svg")) > 1000);
    }
}
