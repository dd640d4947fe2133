package dev.coffer.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer from places outside Spring MVC: servlet filters and security handlers. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
        write(response, status, code, detail, null);
    }

    /** 400 {@code validation_failed} with the fields at fault, as Spring MVC's own validation answers. */
    public void writeValidation(HttpServletResponse response, List<Problems.FieldError> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problems.validation(errors));
    }

    public void write(HttpServletResponse response, int status, String code, String detail, Duration retryAfter)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter));
        }
        var problem = Problems.of(HttpStatusCode.valueOf(status), code, detail);
        json.writeValue(response.getOutputStream(), problem);
    }
}
