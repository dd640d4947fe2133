package dev.coffer.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * The error page a browser gets instead of problem+json: the status in words, what happened, and a way home. Plain
 * HTML written directly, so it also works from servlet filters and when the template engine is the problem.
 */
public final class HtmlErrorPage {

    private HtmlErrorPage() {
    }

    /** A page request from a browser (asks for HTML, outside the JSON API), which should get HTML errors. */
    public static boolean wanted(HttpServletRequest request) {
        var accept = request.getHeader(HttpHeaders.ACCEPT);
        var path = request.getRequestURI();
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && path != null
                && !path.startsWith("/api/") && !path.startsWith("/actuator/") && !path.startsWith("/v3/");
    }

    public static void write(HttpServletResponse response, int status, String message, Duration retryAfter)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter));
        }
        response.getOutputStream().write(render(status, message).getBytes(StandardCharsets.UTF_8));
    }

    static String render(int status, String message) {
        var title = HtmlUtils.htmlEscape(titleFor(status));
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · Coffer</title>
                  <link rel="stylesheet" href="/css/coffer.css">
                </head>
                <body>
                <header class="top"><a class="brand" href="/">Coffer</a></header>
                <main>
                  <h1 data-testid="error-title">%s</h1>
                  <p data-testid="error">%s</p>
                  <p><a href="/">Back to your accounts</a></p>
                </main>
                </body>
                </html>
                """.formatted(title, title, HtmlUtils.htmlEscape(message));
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "That request did not make sense";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 405 -> "Not allowed here";
            case 413 -> "That was too large";
            case 429 -> "Too many requests";
            case 503 -> "Coffer is busy";
            default -> status >= 500 ? "Something went wrong" : "That did not work";
        };
    }
}
