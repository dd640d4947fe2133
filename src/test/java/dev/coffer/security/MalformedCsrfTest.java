package dev.coffer.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.coffer.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A CSRF token that is not valid UTF-8 once decoded (an outside attacker's find: 500 with a stack trace in the log)
 * is a forged form like any other: 403, an HTML page for browsers, nothing logged above WARN.
 */
class MalformedCsrfTest extends IntegrationTest {

    /** 96 characters: bytes 0x80 (continuation bytes, never valid UTF-8 on their own), then zeros. */
    private static final String MALFORMED = "gICA".repeat(12) + "AAAA".repeat(12);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logged);
    }

    @Test
    void malformedTokensAreForbiddenNotErrors() {
        for (var path : new String[] {"/login", "/logout", "/transfer"}) {
            for (var cookie : new String[] {null, "XSRF-TOKEN=" + MALFORMED, "XSRF-TOKEN=abc"}) {
                var form = "_csrf=" + URLEncoder.encode(MALFORMED, StandardCharsets.UTF_8)
                        + "&email=a%40b.c&password=x";
                var call = api.post(path).header("Accept", "text/html").body("application/x-www-form-urlencoded", form);
                if (cookie != null) {
                    call.header("Cookie", cookie);
                }
                var response = call.send();
                assertThat(response.status()).as(path + " cookie " + cookie).isEqualTo(403);
                assertThat(response.contentType()).as(path).startsWith("text/html");
                assertThat(response.body()).contains("href=\"/\"").doesNotContain("Exception");
            }
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
    }

    @Test
    void browsersGetErrorPagesAndApiClientsProblems() {
        var page = api.get("/no-such-page").header("Accept", "text/html,application/xhtml+xml").send();
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Page not found").contains("href=\"/\"");
        var api404 = api.get("/api/v1/nowhere").header("Accept", "text/html").send();
        assertThat(api404.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/no-such-page").send().contentType()).startsWith("application/problem+json");
    }
}
