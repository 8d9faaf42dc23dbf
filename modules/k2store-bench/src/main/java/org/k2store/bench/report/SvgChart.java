package org.k2store.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small log-log line chart written as SVG by hand (no plotting tool needed): latency against stored
 * ops, one colour per target, p50 solid with dots, p99 dashed.
 */
public final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One line: (stored ops, p50 ms, p99 ms) points. */
    public record Series(String name, List<double[]> points) {
    }

    private SvgChart() {
    }

    /** The chart of one read workload case, from a run's figures. */
    public static void write(Results results, String workload, String caseName, String title, Path file) throws IOException {
        Map<String, Series> series = new LinkedHashMap<>();
        for (String target : results.targets().keySet()) {
            List<double[]> points = new ArrayList<>();
            for (long tier : results.tiers()) {
                results.find(workload, caseName, tier, target)
                        .ifPresent(r -> points.add(new double[] {tier, r.latency().p50Ms(), r.latency().p99Ms()}));
            }
            if (!points.isEmpty()) {
                series.put(target, new Series(target, points));
            }
        }
        Files.writeString(file, render(title, new ArrayList<>(series.values())), StandardCharsets.UTF_8);
    }

    static String render(String title, List<Series> series) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMin = Math.min(xMin, Math.log10(p[0]));
                xMax = Math.max(xMax, Math.log10(p[0]));
                yMin = Math.min(yMin, Math.log10(Math.max(p[1], 1e-3)));
                yMax = Math.max(yMax, Math.log10(Math.max(p[2], 1e-3)));
            }
        }
        if (series.isEmpty()) {
            xMin = 4;
            xMax = 6;
            yMin = -1;
            yMax = 1;
        }
        xMin = Math.floor(xMin * 2) / 2 - 0.1;
        xMax = Math.ceil(xMax * 2) / 2 + 0.1;
        yMin = Math.floor(yMin);
        yMax = Math.max(Math.ceil(yMax), yMin + 1);
        Axes axes = new Axes(xMin, xMax, yMin, yMax);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        for (int decade = (int) yMin; decade <= (int) yMax; decade++) {
            double y = axes.y(decade);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT - 6, y + 4,
                    label(Math.pow(10, decade))));
        }
        for (int decade = (int) Math.ceil(xMin); decade <= (int) Math.floor(xMax); decade++) {
            double x = axes.x(decade);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">10^%d</text>%n", x, HEIGHT - BOTTOM + 18, decade));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP,
                WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">stored ops (log)</text>%n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 12));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            svg.append(polyline(s, axes, 1, colour, "stroke-width=\"2\""));
            svg.append(polyline(s, axes, 2, colour, "stroke-width=\"1\" stroke-dasharray=\"5,4\""));
            for (double[] p : s.points()) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", axes.x(Math.log10(p[0])),
                        axes.y(Math.log10(Math.max(p[1], 1e-3))), colour));
            }
            int legendY = TOP + 14 + 20 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    WIDTH - RIGHT + 12, legendY - 4, WIDTH - RIGHT + 36, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 42, legendY, escape(s.name())));
        }
        int noteY = TOP + 14 + 20 * series.size() + 10;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">solid: p50, dashed: p99</text>%n", WIDTH - RIGHT + 12, noteY));
        return svg.append("</svg>\n").toString();
    }

    private static String polyline(Series s, Axes axes, int column, String colour, String style) {
        StringBuilder points = new StringBuilder();
        for (double[] p : s.points()) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(Math.log10(p[0])), axes.y(Math.log10(Math.max(p[column], 1e-3)))));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" %s/>%n", points.toString().trim(), colour, style);
    }

    private static String label(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%s", ms).replaceAll("0+$", "");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Maps log10 values to pixels. */
    private record Axes(double xMin, double xMax, double yMin, double yMax) {
        double x(double log) {
            return LEFT + (log - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double y(double log) {
            return HEIGHT - BOTTOM - (log - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
