package dev.coffer.platform.web;

import dev.coffer.platform.ApiException;
import java.util.Comparator;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error raised inside Spring MVC into RFC 9457 problem+json with a {@code code} (for a browser asking
 * for a page: the HTML error page). Nothing internal
 * (stack traces, SQL, class names) ever reaches the body; unexpected errors are logged with an id the client sees.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        var headers = new HttpHeaders();
        e.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait)));
        return respond(Problems.of(e.status(), e.code(), e.getMessage()), headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        var error = new Problems.FieldError(e.getName(), "has an invalid value");
        return respond(Problems.validation(List.of(error)), new HttpHeaders());
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<Object> invalidFields(InvalidFieldsException e) {
        return respond(Problems.validation(e.errors()), new HttpHeaders());
    }

    /** Tomcat could not decode the query string (not UTF-8): the URL itself is refused, as Tomcat refuses others. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableQuery(InvalidParameterException e) {
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "bad_request", "The query string is not valid UTF-8"),
                new HttpHeaders());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"), new HttpHeaders());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            QueryTimeoutException.class})
    ResponseEntity<Object> databaseDown(Exception e) {
        log.warn("database unavailable: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        var problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                "The database is unavailable; try again shortly");
        return respond(problem, headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        var errorId = dev.coffer.platform.Ids.randomToken(12);
        log.error("unexpected error {}", errorId, e);
        var problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side (error id " + errorId + ")");
        return respond(problem, new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problems.FieldError(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field))
                .toList();
        return respond(Problems.validation(errors), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new Problems.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return respond(Problems.validation(errors), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLargeException.causedBy(e)) {
            return respond(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                    "The request body is too large"), headers);
        }
        var problem = JsonErrors.fieldError(e).map(error -> Problems.validation(List.of(error)))
                .orElseGet(() -> Problems.of(HttpStatus.BAD_REQUEST, "malformed_request", JsonErrors.describe(e)));
        return respond(problem, headers);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var code = Problems.codeForStatus(status.value());
        var detail = status.value() == 404 ? "There is nothing at this path"
                : body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : e.getMessage();
        if (status.is5xxServerError()) {
            return unexpected(e);
        }
        return respond(Problems.of(status, code, detail), headers);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && HtmlErrorPage.wanted(attributes.getRequest())) {
            return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(MediaType.TEXT_HTML)
                    .body(HtmlErrorPage.render(problem.getStatus(), problem.getDetail()));
        }
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
