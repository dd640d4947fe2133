package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.coffer.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A few seconds of the {@code bench} tool against a running Coffer, as a user runs it from the README: it creates
 * its own users and accounts through the API, warms up, measures, writes a JSON result and an SVG plot, and (for
 * transfers) has the ledger verified. Not a benchmark: it only shows that the tool works end to end.
 */
class BenchSmokeTest extends IntegrationTest {

    @Test
    void transfersWarmUpMeasureVerifyAndWriteTheirResult() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        var out = Files.createTempDirectory(Path.of("target"), "bench-smoke-");
        var accountsFile = out.resolve("accounts.txt");

        var run = bench("transfers", "--url=http://localhost:" + port, "--clients=4", "--seconds=2",
                "--warmup-seconds=1", "--accounts=45", "--hot-accounts=2", "--admin-email=" + admin.email(),
                "--admin-password=" + admin.password(), "--out=" + out, "--accounts-out=" + accountsFile,
                "--watch-server=true");

        assertThat(run.exit()).as("no errors, ledger verified; stderr:%n%s", run.stderr()).isZero();
        assertThat(run.stderr()).as("set-up warns what it does and how far it is")
                .contains("setting up 45 accounts… 0/45", "setting up 45 accounts… 45/45")
                .contains("set-up: 45 accounts of 3 users opened and funded in");
        var json = only(out, ".json");
        var result = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(result.path("scenario").asString()).isEqualTo("transfers");
        assertThat(result.path("warmupSeconds").asLong()).isEqualTo(1);
        assertThat(result.path("seconds").asDouble()).as("measured time only, not the warm-up").isBetween(1.9, 2.9);
        assertThat(result.path("ok").asLong()).isPositive();
        assertThat(result.path("errors").asLong()).isZero();
        assertThat(result.path("ledgerVerified").asBoolean()).isTrue();
        assertThat(result.path("timeline").size()).isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(only(out, ".svg"))).startsWith("<svg").contains("requests/s");
        assertThat(result.path("shed").asLong()).isZero();
        assertThat(result.path("server").path("before").path("heapUsedBytes").asDouble()).isPositive();
        assertThat(result.path("server").path("peak").path("liveThreads").asDouble()).isPositive();
        assertThat(run.stderr()).contains("server heap ", "live threads ");
        var lines = Files.readAllLines(accountsFile);
        assertThat(lines).as("for wrk: id, token, hot").hasSize(45)
                .allMatch(line -> line.matches("acc_[a-z2-7]{26} \\S+ [01]"));
        assertThat(lines.stream().filter(line -> line.endsWith(" 1"))).hasSize(2);
    }

    @Test
    void theReadScenariosSetUpTheirDataAndRunWithoutErrors() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        for (var scenario : new String[] {"reads", "baseline"}) {
            var out = Files.createTempDirectory(Path.of("target"), "bench-smoke-");

            var run = bench(scenario, "--url=http://localhost:" + port, "--clients=2", "--seconds=1",
                    "--warmup-seconds=0", "--admin-email=" + admin.email(), "--admin-password=" + admin.password(),
                    "--out=" + out);

            assertThat(run.exit()).as("%s: set-up and load without errors; stderr:%n%s", scenario, run.stderr())
                    .isZero();
            var result = JsonMapper.builder().build().readTree(only(out, ".json").toFile());
            assertThat(result.path("ok").asLong()).as(scenario).isPositive();
            assertThat(result.path("errors").asLong()).as(scenario).isZero();
        }
    }

    @Test
    void bulkTransfersSendManyPerRequestAndVerify() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        var out = Files.createTempDirectory(Path.of("target"), "bench-smoke-");

        var run = bench("transfers", "--url=http://localhost:" + port, "--clients=2", "--seconds=2",
                "--warmup-seconds=1", "--accounts=30", "--hot-accounts=2", "--batch=10",
                "--admin-email=" + admin.email(), "--admin-password=" + admin.password(), "--out=" + out);

        assertThat(run.exit()).as("no errors, ledger verified; stderr:%n%s", run.stderr()).isZero();
        assertThat(run.stderr()).contains("bulk: 10 transfers per request");
        var result = JsonMapper.builder().build().readTree(only(out, ".json").toFile());
        assertThat(result.path("transfersPerRequest").asInt()).isEqualTo(10);
        assertThat(result.path("transfersPerSecond").asDouble())
                .isEqualTo(Math.round(result.path("throughputPerSecond").asDouble() * 10 * 10) / 10.0, within(1.0));
        assertThat(result.path("ledgerVerified").asBoolean()).isTrue();
        assertThat(BenchCommand.run(new String[] {"transfers", "--batch=1001"})).as("at most 1000").isNotZero();
    }

    @Test
    void openLoopSendsOnScheduleNotAsFastAsAnswersCome() throws Exception {
        var out = Files.createTempDirectory(Path.of("target"), "bench-smoke-");

        int exit = BenchCommand.run(new String[] {"baseline", "--url=http://localhost:" + port, "--clients=4",
                "--rate=50", "--seconds=2", "--warmup-seconds=1", "--out=" + out});

        assertThat(exit).isZero();
        var result = JsonMapper.builder().build().readTree(only(out, ".json").toFile());
        assertThat(result.path("loop").asString()).isEqualTo("open");
        assertThat(result.path("targetRatePerSecond").asDouble()).isEqualTo(50.0);
        // 50 requests/s due for 2 s: about 100, however fast the server answers (closed loop would send thousands).
        assertThat(result.path("requests").asLong()).isBetween(90L, 110L);
    }

    @Test
    void badOptionsAreRefusedBeforeAnyLoad() throws Exception {
        long usersBefore = count("users");
        assertThat(BenchCommand.run(new String[] {"transfers", "--warmup-seconds=-1"})).isNotZero();
        assertThat(BenchCommand.run(new String[] {"nonsense"})).isNotZero();
        assertThat(BenchCommand.run(new String[] {"baseline", "--rate=-5"})).isEqualTo(2);
        assertThat(BenchCommand.run(new String[] {"baseline", "--rate=fast"})).isEqualTo(2);
        assertThat(BenchCommand.run(new String[] {"transfers", "--url=http://localhost:1", "--admin-email=a@b.c",
                "--admin-password=whatever"})).as("set-up against no server: a clear failure, no stack trace")
                .isEqualTo(2);
        assertThat(count("users")).isEqualTo(usersBefore);
    }

    @Test
    void anAdminThatCannotLogInOrIsNoAdminStopsTheBenchInOneLineNamingTheOptions() throws Exception {
        var admin = newUser("bench-admin");
        grantRoles(admin.id(), "customer", "admin");
        var customer = newUser("bench-customer");
        long usersBefore = count("users");

        var wrongPassword = bench("transfers", "--url=http://localhost:" + port, "--admin-email=" + admin.email(),
                "--admin-password=not the password");
        var notAnAdmin = bench("reads", "--url=http://localhost:" + port, "--admin-email=" + customer.email(),
                "--admin-password=" + customer.password());

        assertThat(wrongPassword.exit()).isEqualTo(2);
        assertThat(lastLine(wrongPassword.stderr())).contains("admin login as " + admin.email() + " failed (401 "
                + "invalid_credentials)", "--admin-email=", "--admin-password=", "COFFER_ADMIN_EMAIL",
                "admin@demo.coffer.dev");
        assertThat(notAnAdmin.exit()).isEqualTo(2);
        assertThat(lastLine(notAnAdmin.stderr())).contains(customer.email() + " logs in but is not an admin",
                "--admin-email=", "--admin-password=");
        assertThat(count("users")).as("nothing created before the admin was checked").isEqualTo(usersBefore);
    }

    record Run(int exit, String stderr) {
    }

    /** Runs the bench in this JVM, capturing what it prints on standard error (progress, warnings, failures). */
    private static Run bench(String... args) throws Exception {
        var captured = new java.io.ByteArrayOutputStream();
        var original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int exit = BenchCommand.run(args);
            return new Run(exit, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
            original.print(captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String lastLine(String text) {
        var lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static Path only(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            var matching = files.filter(f -> f.toString().endsWith(suffix)).toList();
            assertThat(matching).as(suffix + " files in " + dir).hasSize(1);
            return matching.getFirst();
        }
    }
}
