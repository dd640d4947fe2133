package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar as operators run it: data survives a restart, SIGTERM shuts down cleanly (PostgreSQL included), a
 * {@code kill -9} leaves an orphaned PostgreSQL that the next start stops by itself, a second server on the same
 * data directory refuses to start, and {@code verify} checks the books from the command line.
 */
class JarLifecycleIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String USER = "{\"email\":\"%s\",\"password\":\"a long and unusual passphrase\","
            + "\"displayName\":\"Jar\"}";
    private static final String LOGIN = "{\"email\":\"%s\",\"password\":\"a long and unusual passphrase\"}";

    @Test
    void dataSurvivesAGracefulRestartAndACrash() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        var email = "jar-" + System.nanoTime() + "@example.com";
        try (var first = CofferProcess.start(dataDir, "first")) {
            var startup = first.awaitReady(READY);
            System.out.println("first start (initdb) ready in " + startup.toMillis() + " ms");
            assertThat(first.post("/api/v1/users", USER.formatted(email)).statusCode()).isEqualTo(201);
            first.process.destroy();
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).as("SIGTERM ends the process").isTrue();
            assertThat(CofferProcess.postmaster(dataDir)).as("PostgreSQL stopped with it").isEmpty();
        }
        try (var second = CofferProcess.start(dataDir, "second")) {
            System.out.println("restart ready in " + second.awaitReady(READY).toMillis() + " ms");
            assertThat(second.post("/api/v1/sessions", LOGIN.formatted(email)).statusCode()).isEqualTo(201);
            second.process.destroyForcibly();
            second.process.waitFor(10, TimeUnit.SECONDS);
            var orphan = CofferProcess.postmaster(dataDir);
            assertThat(orphan).as("kill -9 leaves the embedded PostgreSQL running").isPresent();
            try (var third = CofferProcess.start(dataDir, "after-crash")) {
                System.out.println("start after kill -9 ready in " + third.awaitReady(READY).toMillis() + " ms");
                assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
                assertThat(third.post("/api/v1/sessions", LOGIN.formatted(email)).statusCode()).isEqualTo(201);
            } finally {
                orphan.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        var verify = CofferProcess.run(dataDir, "verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("OK: every currency sums to zero");
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesToStart() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-data-");
        try (var first = CofferProcess.start(dataDir, "owner")) {
            first.awaitReady(READY);
            try (var second = CofferProcess.start(dataDir, "intruder")) {
                assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("fails fast").isTrue();
                assertThat(second.process.exitValue()).isNotZero();
                assertThat(Files.readString(second.log)).contains("Another running Coffer uses the data directory");
            }
            assertThat(first.awaitReady(Duration.ofSeconds(5))).isNotNull();
        }
    }
}
