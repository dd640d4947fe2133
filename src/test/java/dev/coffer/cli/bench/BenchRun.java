package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the bench in the test's JVM and captures what it prints, as a user would see it. */
record BenchRun(int exit, String stdout, String stderr) {

    static BenchRun of(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var originalOut = System.out;
        var originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = BenchCommand.run(args);
            return new BenchRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            originalErr.print(err.toString(StandardCharsets.UTF_8));
            originalOut.print(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** The first line of standard error: where a refused option or a failed set-up is explained. */
    String firstErrorLine() {
        var lines = stderr.strip().split("\\R");
        for (var line : lines) {
            if (line.startsWith("bench:")) {
                return line;
            }
        }
        return lines[0];
    }

    /** The one JSON result in {@code dir}. */
    static JsonNode onlyResult(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            var json = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(json).as("JSON results in " + dir).hasSize(1);
            return JsonMapper.builder().build().readTree(json.getFirst().toFile());
        }
    }

    static Path newOutDir() throws Exception {
        return Files.createTempDirectory(Path.of("target"), "bench-smoke-");
    }
}
