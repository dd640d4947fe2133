package dev.coffer.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's result as JSON and as an SVG plot of throughput and p99 latency over time. */
final class BenchReport {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 300;
    private static final int PAD = 40;

    private BenchReport() {
    }

    static Map<String, Object> summary(BenchOptions options, LoadRunner.Result result, Map<String, Object> extra) {
        var latency = result.latency();
        var out = new LinkedHashMap<String, Object>();
        out.put("scenario", options.scenario());
        out.put("url", options.url());
        out.put("clients", options.clients());
        out.put("loop", options.rate() > 0 ? "open" : "closed");
        out.put("targetRatePerSecond", options.rate() > 0 ? options.rate() : null);
        out.put("seconds", Math.round(result.seconds() * 10) / 10.0);
        out.put("warmupSeconds", options.warmup().toSeconds());
        out.put("requests", result.requests());
        out.put("ok", result.ok());
        out.put("intendedRefusals", result.intended());
        out.put("shed", result.shed());
        out.put("errors", result.errors());
        out.put("throughputPerSecond", Math.round(result.throughput() * 10) / 10.0);
        out.put("latencyMillis", millis(latency));
        out.put("admittedLatencyMillis", millis(result.admitted()));
        out.put("shedLatencyMillis", millis(result.shedLatency()));
        out.putAll(extra);
        out.put("timeline", result.timeline());
        out.put("finishedAt", Instant.now().toString());
        return out;
    }

    /** p50 … max of a histogram in microseconds, as milliseconds (all zero when it is empty). */
    static Map<String, Double> millis(Histogram micros) {
        var out = new LinkedHashMap<String, Double>();
        out.put("p50", micros.getValueAtPercentile(50) / 1000.0);
        out.put("p90", micros.getValueAtPercentile(90) / 1000.0);
        out.put("p99", micros.getValueAtPercentile(99) / 1000.0);
        out.put("p999", micros.getValueAtPercentile(99.9) / 1000.0);
        out.put("max", micros.getMaxValue() / 1000.0);
        return out;
    }

    /** Writes a result that has no single timeline to plot (history, stream) as JSON only. */
    static Path writeJson(BenchOptions options, Map<String, Object> summary) throws IOException {
        Files.createDirectories(options.out());
        var json = options.out().resolve(stem(options) + ".json");
        Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary));
        return json;
    }

    private static String stem(BenchOptions options) {
        return options.scenario() + "-" + Instant.now().toString().replace(":", "").replace(".", "");
    }

    static Path write(BenchOptions options, Map<String, Object> summary, LoadRunner.Result result) throws IOException {
        Files.createDirectories(options.out());
        var stem = stem(options);
        var json = options.out().resolve(stem + ".json");
        Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary));
        Files.writeString(options.out().resolve(stem + ".svg"), svg(options.scenario(), result));
        return json;
    }

    static String svg(String title, LoadRunner.Result result) {
        var points = result.timeline();
        double maxRate = Math.max(1, points.stream().mapToLong(LoadRunner.Second::requests).max().orElse(1));
        double maxP99 = Math.max(1, points.stream().mapToDouble(LoadRunner.Second::p99Millis).max().orElse(1));
        var rate = new StringBuilder();
        var p99 = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = PAD + (WIDTH - 2.0 * PAD) * i / Math.max(1, points.size() - 1);
            rate.append(String.format(Locale.ROOT, "%.1f,%.1f ", x,
                    HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * points.get(i).requests() / maxRate));
            p99.append(String.format(Locale.ROOT, "%.1f,%.1f ", x,
                    HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * points.get(i).p99Millis() / maxP99));
        }
        return String.format(Locale.ROOT, """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">
                <rect width="100%%" height="100%%" fill="#fff"/>
                <text x="%d" y="20" font-size="14">%s: requests/s (blue, max %.0f) and p99 latency (red, max %.1f ms) per second</text>
                <line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>
                <text x="%d" y="%d">seconds (%d)</text>
                <polyline fill="none" stroke="#0b5fff" stroke-width="2" points="%s"/>
                <polyline fill="none" stroke="#b42318" stroke-width="1.5" points="%s"/>
                </svg>
                """, WIDTH, HEIGHT, PAD, title, maxRate, maxP99, PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD, PAD, PAD,
                PAD, HEIGHT - PAD, WIDTH / 2, HEIGHT - 10, points.size(), rate.toString().strip(),
                p99.toString().strip());
    }
}
