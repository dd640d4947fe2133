package dev.coffer.ledger.web;

import java.util.List;
import java.util.Locale;

/**
 * A small balance-over-time line, drawn on the server as SVG points: no chart library, no script, nothing for the
 * Content-Security-Policy to allow. Balances come oldest first.
 */
record BalanceChart(String points, int width, int height, boolean empty) {

    static final int WIDTH = 320;
    static final int HEIGHT = 80;
    private static final int PAD = 4;

    static BalanceChart of(List<Long> balances) {
        if (balances.size() < 2) {
            return new BalanceChart("", WIDTH, HEIGHT, true);
        }
        long min = balances.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = balances.stream().mapToLong(Long::longValue).max().orElse(0);
        double span = Math.max(1, max - min);
        double step = (WIDTH - 2.0 * PAD) / (balances.size() - 1);
        var points = new StringBuilder();
        for (int i = 0; i < balances.size(); i++) {
            double x = PAD + i * step;
            double y = HEIGHT - PAD - (balances.get(i) - min) / span * (HEIGHT - 2.0 * PAD);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new BalanceChart(points.toString().strip(), WIDTH, HEIGHT, false);
    }
}
