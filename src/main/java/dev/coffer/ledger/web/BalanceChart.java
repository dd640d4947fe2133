package dev.coffer.ledger.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A small balance-over-time line with its axes, drawn on the server as SVG: no chart library, no script, nothing
 * for the Content-Security-Policy to allow. The template writes the axis labels (the lowest and highest balance, the
 * first and last date) in the viewer's locale; this record places them. Points come oldest first.
 */
record BalanceChart(String points, int width, int height, boolean empty, long lowest, long highest, Instant from,
        Instant to) {

    /** A balance at a moment. */
    record Point(Instant at, long balance) {
    }

    static final int WIDTH = 400;
    static final int HEIGHT = 130;
    /** Room on the left for the value labels, below for the dates. */
    static final int PLOT_LEFT = 84;
    static final int PLOT_TOP = 10;
    static final int PLOT_RIGHT = WIDTH - 6;
    static final int PLOT_BOTTOM = HEIGHT - 26;

    static BalanceChart of(List<Point> points) {
        if (points.size() < 2) {
            return new BalanceChart("", WIDTH, HEIGHT, true, 0, 0, Instant.EPOCH, Instant.EPOCH);
        }
        long min = points.stream().mapToLong(Point::balance).min().orElse(0);
        long max = points.stream().mapToLong(Point::balance).max().orElse(0);
        double span = Math.max(1, max - min);
        double step = (PLOT_RIGHT - PLOT_LEFT) / (points.size() - 1.0);
        var line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = PLOT_LEFT + i * step;
            double y = PLOT_BOTTOM - (points.get(i).balance() - min) / span * (PLOT_BOTTOM - PLOT_TOP);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new BalanceChart(line.toString().strip(), WIDTH, HEIGHT, false, min, max, points.getFirst().at(),
                points.getLast().at());
    }

    public int plotLeft() {
        return PLOT_LEFT;
    }

    public int plotTop() {
        return PLOT_TOP;
    }

    public int plotRight() {
        return PLOT_RIGHT;
    }

    public int plotBottom() {
        return PLOT_BOTTOM;
    }
}
