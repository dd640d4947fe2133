package dev.coffer.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (the container's own 400 for a bad URL, errors sent with
 * {@code sendError}) as problem+json instead of Boot's default error body; browsers asking for a page get the
 * HTML error page.
 */
@Hidden // the container's error dispatch, not an operation of the API
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : 500;
        if (status < 400) {
            status = 500;
        }
        var code = Problems.codeForStatus(status);
        var detail = status >= 500 ? "Something went wrong on our side" : "The request could not be handled";
        if (HtmlErrorPage.wanted(originalRequest(request))) {
            HtmlErrorPage.write(response, status, detail + ".", null);
            return null;
        }
        var problem = Problems.of(HttpStatusCode.valueOf(status), code, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The error dispatch has its own URI ({@code /error}); whether HTML is wanted depends on the original one. */
    private static HttpServletRequest originalRequest(HttpServletRequest request) {
        var uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String original ? new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return original;
            }
        } : request;
    }
}
