package org.caretaker.site.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caretaker.site.snapshot.StatusSnapshot.HistorySeries;
import org.caretaker.site.snapshot.StatusSnapshot.Point;

/** Turns a history series into an SVG chart's coordinates; the page draws it with no JavaScript. */
public final class Charts {
    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    private static final int LEFT = 40;
    private static final int RIGHT = WIDTH - 10;
    private static final int TOP = 10;
    private static final int BOTTOM = HEIGHT - 20;
    /** The newest points only: a chart wider than this shows nothing more to the eye. */
    private static final int MAX_POINTS = 240;

    private Charts() {
    }

    public static Views.Chart of(HistorySeries s) {
        List<Point> points = s.points().size() > MAX_POINTS
                ? s.points().subList(s.points().size() - MAX_POINTS, s.points().size()) : s.points();
        String title = s.host() + " · " + s.subject() + " · " + s.metric();
        if (points.isEmpty()) {
            return new Views.Chart(title, WIDTH, HEIGHT, "", List.of(), "", "", "", "");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
        }
        if (max == min) {
            max = min + 1;
        }
        Instant first = points.get(0).at();
        Instant last = points.get(points.size() - 1).at();
        double span = Math.max(1, last.getEpochSecond() - first.getEpochSecond());
        StringBuilder line = new StringBuilder();
        List<Views.Dot> dots = new ArrayList<>();
        for (Point p : points) {
            double x = points.size() == 1 ? (LEFT + RIGHT) / 2.0 : LEFT + (RIGHT - LEFT) * (p.at().getEpochSecond() - first.getEpochSecond()) / span;
            double y = BOTTOM - (BOTTOM - TOP) * (p.value() - min) / (max - min);
            String xs = num(x);
            String ys = num(y);
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(xs).append(',').append(ys);
            dots.add(new Views.Dot(xs, ys, p.severity(), Times.text(p.at()) + ": " + num(p.value())));
        }
        return new Views.Chart(title, WIDTH, HEIGHT, line.toString(), dots, num(min), num(max),
                Times.shortText(first), Times.shortText(last));
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
