package io.policystreams.charts;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An XY chart of the project's figures, drawn by XChart and written as PNG and SVG: episodes as dots, a mean as a
 * line, means with 95% intervals as error bars, a target as a dashed line. One look for every figure: white
 * background, legend outside the plot on the right, series in a fixed order of colours.
 */
public final class Chart {

    private static final Color[] COLOURS = {new Color(20, 60, 140), new Color(200, 40, 40), new Color(240, 140, 40),
        new Color(40, 150, 70), new Color(130, 70, 170), new Color(120, 120, 120), new Color(0, 160, 170)};

    private final XYChart chart;
    private int series;

    private Chart(String title, String xTitle, String yTitle, int width, int height) {
        chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler()
                .setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE)
                .setSeriesColors(COLOURS)
                .setAntiAlias(true)
                .setMarkerSize(6);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230)).setErrorBarsColorSeriesColor(true);
    }

    /** An empty chart of {@code width} × {@code height} pixels. */
    public static Chart of(String title, String xTitle, String yTitle, int width, int height) {
        return new Chart(title, xTitle, yTitle, width, height);
    }

    /** A logarithmic y axis, for values spread over orders of magnitude. */
    public Chart logarithmicY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** Points without lines, small and light, e.g. every episode's return. */
    public Chart dots(String name, double[] x, double[] y) {
        XYSeries dots = add(name, x, y, null);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        Color colour = dots.getMarkerColor();
        dots.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90));
        return this;
    }

    /** A line without markers, e.g. a moving mean; {@code bold} for the series the figure is about. */
    public Chart line(String name, double[] x, double[] y, boolean bold) {
        XYSeries line = add(name, x, y, null);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineWidth(bold ? 3f : 1.5f);
        return this;
    }

    /** Means joined by a line, each with an error bar of ± {@code halfWidths}. */
    public Chart meansWithErrorBars(String name, double[] x, double[] means, double[] halfWidths, boolean bold) {
        XYSeries line = add(name, x, means, halfWidths);
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setLineWidth(bold ? 3f : 1.5f);
        return this;
    }

    /** A horizontal dashed line at {@code y} across [{@code fromX}, {@code toX}], e.g. a target. */
    public Chart dashedLevel(String name, double y, double fromX, double toX) {
        XYSeries level = add(name, new double[] {fromX, toX}, new double[] {y, y}, null);
        level.setMarker(SeriesMarkers.NONE);
        level.setLineStyle(SeriesLines.DASH_DASH);
        level.setLineWidth(1.5f);
        return this;
    }

    private XYSeries add(String name, double[] x, double[] y, double[] errorBars) {
        XYSeries added = errorBars == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, errorBars);
        Color colour = COLOURS[series++ % COLOURS.length];
        added.setLineColor(colour);
        added.setMarkerColor(colour);
        return added;
    }

    /** Writes {@code name}.png and {@code name}.svg into {@code folder}; the PNG's path. */
    public Path write(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path png = folder.resolve(name + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, folder.resolve(name + ".svg").toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return png;
    }
}
