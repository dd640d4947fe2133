package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database goes away under a running server: requests fail fast with 503 problem+json instead of hanging or
 * answering 500, readiness reports DOWN so a load balancer stops routing, and when the database is reachable again
 * the server recovers by itself (no restart).
 */
class DatabaseOutageIT {

    @Test
    void withoutItsDatabaseCofferAnswers503AndIsNotReady() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-outage-");
        try (var server = CofferProcess.start(dataDir, "outage")) {
            server.awaitReady(Duration.ofSeconds(120));
            var email = "outage-" + System.nanoTime() + "@example.com";
            server.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"a long and unusual passphrase\","
                    + "\"displayName\":\"O\"}");
            var token = JsonMapper.builder().build().readTree(server.post("/api/v1/sessions", "{\"email\":\"" + email
                    + "\",\"password\":\"a long and unusual passphrase\"}").body()).path("token").asString();

            var postmaster = CofferProcess.postmaster(dataDir).orElseThrow();
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).start().waitFor();
            postmaster.onExit().get();

            var http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            var me = http.send(HttpRequest.newBuilder(server.uri("/api/v1/me")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            var elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(503);
            assertThat(me.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(me.body()).contains("database_unavailable");
            assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
            var login = server.post("/api/v1/sessions", "{\"email\":\"" + email
                    + "\",\"password\":\"a long and unusual passphrase\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
            var readiness = http.send(HttpRequest.newBuilder(server.uri("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
        }
    }

    @Test
    void whenAnExternalDatabaseComesBackCofferRecoversByItself() throws Exception {
        var dataDir = Files.createTempDirectory(Path.of("target"), "it-recovery-");
        try (var postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                .setDataDirectory(dataDir.resolve("external-pg")).setCleanDataDirectory(true).start();
                var proxy = new TcpProxy(postgres.getPort());
                var server = CofferProcess.start(dataDir, "recovery",
                        "--coffer.db.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?sslmode=disable",
                        "--coffer.db.user=postgres", "--spring.datasource.hikari.connection-timeout=2000")) {
            server.awaitReady(Duration.ofSeconds(120));
            var client = new JarClient();
            client.pointAt(server);
            var email = "recovery-" + System.nanoTime() + "@example.com";
            client.required("/api/v1/users", null, null, Map.of("email", email, "password", CrashIT.PASSWORD,
                    "displayName", "R"));
            var token = client.login(email, CrashIT.PASSWORD);

            proxy.cut();
            var me = client.get("/api/v1/me", token);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(503);
            assertThat(me.body()).contains("database_unavailable");
            assertThat(readiness(server)).isEqualTo(503);

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> readiness(server) == 200);
            assertThat(client.get("/api/v1/me", token).statusCode()).as("the old token works again").isEqualTo(200);
            assertThat(client.login(email, CrashIT.PASSWORD)).as("and so do logins").isNotBlank();
        }
    }

    private static int readiness(CofferProcess server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
