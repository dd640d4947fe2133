package dev.coffer.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database goes away under a running server (its PostgreSQL is shut down): requests fail fast with 503
 * problem+json instead of hanging or answering 500, and readiness reports DOWN so a load balancer stops routing.
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
}
