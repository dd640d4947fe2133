package dev.coffer.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL left running on our data directory by a Coffer that was killed with {@code kill -9}: the
 * orphan holds {@code postmaster.pid} and would block the next start. Called only while holding the data-dir lock,
 * so the postmaster cannot belong to a live Coffer.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData) throws IOException {
        var pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var process = readPid(pidFile).flatMap(ProcessHandle::of).filter(StalePostmaster::isPostgres);
        if (process.isEmpty()) {
            // A dead PID: PostgreSQL itself recognises and replaces a stale postmaster.pid.
            return;
        }
        var postmaster = process.get();
        log.warn("found an orphaned PostgreSQL (pid {}) on {}, left by a crashed Coffer; stopping it",
                postmaster.pid(), pgData);
        // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit cleanly.
        signal(postmaster.pid(), "INT");
        if (!waitForExit(postmaster, STOP_TIMEOUT)) {
            log.warn("orphaned PostgreSQL {} ignored SIGINT for {}; sending SIGQUIT", postmaster.pid(), STOP_TIMEOUT);
            signal(postmaster.pid(), "QUIT");
            if (!waitForExit(postmaster, STOP_TIMEOUT)) {
                throw new IllegalStateException("could not stop orphaned PostgreSQL pid " + postmaster.pid());
            }
        }
        log.info("orphaned PostgreSQL stopped; starting afresh on the same data");
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        var command = process.info().command().orElse("");
        if (command.isEmpty()) {
            command = readCmdline(process.pid());
        }
        return command.contains("postgres");
    }

    private static String readCmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL", e);
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }
}
