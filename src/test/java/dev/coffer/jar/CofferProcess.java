package dev.coffer.jar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The built jar running as its own process, as an operator would start it: {@code java -jar target/coffer.jar}. */
final class CofferProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "coffer.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final int port;
    final Path dataDir;
    final Path log;

    private CofferProcess(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    static CofferProcess start(Path dataDir, String name, String... extraArgs) throws IOException {
        int port = freePort();
        var log = Path.of("target", "it-logs", name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        var command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "--server.port=" + port,
                "--coffer.data-dir=" + dataDir));
        command.addAll(List.of(extraArgs));
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new CofferProcess(process, port, dataDir, log);
    }

    /** Runs a one-shot command of the jar ({@code verify}) and returns its exit code and output. */
    static Result run(Path dataDir, String... args) throws Exception {
        var command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        command.add("--coffer.data-dir=" + dataDir);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        return new Result(process.waitFor(), output);
    }

    record Result(int exitCode, String output) {
    }

    /** Waits for {@code /actuator/health/readiness} to answer 200; returns how long it took. */
    Duration awaitReady(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Coffer exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Coffer not ready after " + timeout + ":\n" + tail());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The PID of the embedded PostgreSQL on this data directory, if one is running. */
    static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        var lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive);
    }

    String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        postmaster(dataDir).ifPresent(ProcessHandle::destroy);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
