package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl tour, run as written: its fenced {@code bash} blocks, in order, in one bash from the repository
 * root, as a reader pastes them into one terminal. The tour starts {@code target/coffer.jar} itself (with the admin
 * it names) and stops it at the end; the test only chooses the port, through the {@code PORT} the tour reads. Passes
 * when bash exits 0 under {@code set -euo pipefail}, every answer the README shows after {@code # →} appears in the
 * output in that order, the money ended where the tour says, and the tour's Coffer is gone afterwards.
 */
class ReadmeTourIT {

    private static final Path README = Path.of("README.md");
    private static final long TOUR_TIMEOUT_SECONDS = 600;

    @Test
    void theCurlTourRunsAsWrittenAndAnswersWhatTheReadmeShows() throws Exception {
        var tour = ReadmeTour.from(Files.readString(README));
        assertThat(tour.blocks()).as("bash blocks of the tour in README.md").hasSizeGreaterThanOrEqualTo(4);
        int port = freePort();
        var logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        var out = logs.resolve("readme-tour-" + port + ".out");
        var err = logs.resolve("readme-tour-" + port + ".err");
        var cofferLog = logs.resolve("readme-tour-" + port + "-coffer.log").toAbsolutePath();

        var ran = run(script(tour, cofferLog), port, out, err);

        var output = Files.readString(out);
        var diagnosis = "tour output:\n" + output + "\nstderr:\n" + Files.readString(err) + "\nCoffer's log: "
                + cofferLog;
        assertThat(ran.exitCode()).as(diagnosis).isZero();
        assertThat(ran.serversLeft()).as("Coffer processes still running after the tour stopped its own").isZero();
        assertAnswersInOrder(tour.answers(), output.lines().toList(), diagnosis);
        assertThat(output).as(diagnosis)
                .contains("\"status\":\"posted\",\"kind\":\"deposit\"", "\"amount\":10000")
                .contains("\"status\":\"posted\",\"kind\":\"transfer\"", "\"amount\":1250")
                .contains("Idempotent-Replayed: true")
                .contains("\"status\":\"requires_capture\"", "\"status\":\"succeeded\",\"amount\":1700,"
                        + "\"amountCaptured\":1500")
                .contains("{\"id\":\"re_", "\"balance\":{\"ledger\":7750,\"available\":7750,\"pending\":0}");
        assertThat(output.lines().toList()).as(diagnosis).containsSubsequence("204", "401");
    }

    /**
     * The tour under {@code set -euo pipefail}, so that a failing command or an answer without the field the tour
     * picks from it stops the run. The trap is only a safety net for a run that stops early: it keeps Coffer's log
     * and stops the tour's Coffer if the tour could not.
     */
    static String script(ReadmeTour tour, Path cofferLog) {
        return "set -euo pipefail\n"
                + "trap 'cp \"${DATA:-/nonexistent}/coffer.log\" \"" + cofferLog + "\" 2> /dev/null || true; "
                + "if kill ${COFFER:-} 2> /dev/null; then while kill -0 $COFFER 2> /dev/null; do sleep 0.2; done; "
                + "rm -rf \"$DATA\"; fi' EXIT\n"
                + String.join("\n", tour.blocks());
    }

    record Ran(int exitCode, long serversLeft) {
    }

    static Ran run(String script, int port, Path out, Path err) throws Exception {
        var bash = new ProcessBuilder("bash", "-c", script).redirectOutput(out.toFile()).redirectError(err.toFile());
        bash.environment().put("PORT", Integer.toString(port));
        var process = bash.start();
        try {
            if (!process.waitFor(TOUR_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the tour took longer than " + TOUR_TIMEOUT_SECONDS + " s; output so far:\n"
                        + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Ran(process.exitValue(), tourServers(port).size());
        } finally {
            process.destroyForcibly();
            stopTourServers(port);
        }
    }

    /** Each shown answer matches a line of the output, in the README's order ("…" stands for anything). */
    static void assertAnswersInOrder(List<String> answers, List<String> lines, String diagnosis) {
        int next = 0;
        for (var answer : answers) {
            var pattern = ReadmeTour.pattern(answer);
            while (next < lines.size() && !pattern.matcher(lines.get(next)).matches()) {
                next++;
            }
            assertThat(next).as("README answer %s not found in the output (in order); %s", answer, diagnosis)
                    .isLessThan(lines.size());
            next++;
        }
    }

    /** Coffer processes the tour started on this port (the tour names its port on the command line). */
    private static List<ProcessHandle> tourServers(int port) {
        var argument = "--server.port=" + port;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(argument)).orElse(false))
                .toList();
    }

    /** A tour that failed half way may leave its Coffer running: SIGTERM lets it stop its PostgreSQL too. */
    private static void stopTourServers(int port) {
        for (var server : tourServers(port)) {
            server.destroy();
            server.onExit().completeOnTimeout(server, 30, TimeUnit.SECONDS).join();
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The tour's part of the README: its bash blocks and the answers they show. */
    record ReadmeTour(List<String> blocks, List<String> answers) {

        static final String HEADING = "## A short tour of the API with curl";
        private static final String ANSWER = "# → ";
        /** A shown answer ends where a remark after it begins: two or more spaces. */
        private static final Pattern REMARK = Pattern.compile(" {2,}.*$");

        static ReadmeTour from(String readme) {
            return from(readme, HEADING);
        }

        /** The bash blocks from {@code heading} to the next heading of the same level, and their answers. */
        static ReadmeTour from(String readme, String heading) {
            int start = readme.indexOf("\n" + heading + "\n");
            assertThat(start).as("README.md has the heading \"%s\"", heading).isNotNegative();
            int end = readme.indexOf("\n## ", start + 1);
            var section = readme.substring(start, end < 0 ? readme.length() : end);
            var blocks = new ArrayList<String>();
            var answers = new ArrayList<String>();
            StringBuilder block = null;
            for (var line : section.lines().toList()) {
                if (block == null && line.equals("```bash")) {
                    block = new StringBuilder();
                } else if (block != null && line.equals("```")) {
                    blocks.add(block.toString());
                    block = null;
                } else if (block != null) {
                    block.append(line).append('\n');
                    if (line.startsWith(ANSWER)) {
                        answers.add(REMARK.matcher(line.substring(ANSWER.length())).replaceFirst(""));
                    }
                }
            }
            assertThat(block).as("every bash block of the tour is closed").isNull();
            return new ReadmeTour(blocks, answers);
        }

        /** The shown answer as a pattern for a whole output line: literal, except that "…" stands for anything. */
        static Pattern pattern(String answer) {
            var parts = answer.split("…", -1);
            var regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString());
        }
    }
}
