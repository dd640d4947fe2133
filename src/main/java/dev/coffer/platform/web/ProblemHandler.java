package dev.coffer.platform.web;

import dev.coffer.platform.ApiException;
import dev.coffer.platform.db.DatabaseUnavailable;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.TransactionException;
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
    /** A failover takes seconds; a client that waits one second and retries is not early by much. */
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(1);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        var headers = new HttpHeaders();
        e.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait)));
        var problem = Problems.of(e.status(), e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return respond(problem, headers);
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

    /**
     * A database that cannot be reached or was lost mid-request (a failover, a restart, a partition) is answered
     * 503 + Retry-After: the client resends, with the same Idempotency-Key where money moves, and gets exactly one
     * execution. This includes a commit whose answer was lost: it may or may not have happened, and only the
     * idempotency store can tell, on the retry. Every other database error is a bug: 500.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> database(Exception e) {
        if (!DatabaseUnavailable.isCauseOf(e)) {
            return unexpected(e);
        }
        log.warn("database unavailable: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(DATABASE_RETRY_AFTER));
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
