package dev.coffer.platform.web;

import dev.coffer.platform.AdmissionProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds what the server cannot serve in time: a bounded number of {@code /api} requests in flight
 * ({@link AdmissionProperties}); beyond it, after at most a few milliseconds, 503 {@code server_busy} with
 * {@code Retry-After}. It runs first, before the body is read or the token looked up, so a shed request costs
 * next to nothing and is answered at once; the admitted ones keep their latency, because the queue in front of
 * the work is this bound and not an unbounded pile of waiting threads. Pages and operations endpoints are not
 * limited here. An async request (an event stream) holds its slot only until its handler returns.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AdmissionFilter extends OncePerRequestFilter {

    static final String API_PREFIX = "/api/";

    private final AdmissionProperties settings;
    private final Semaphore slots;
    private final ProblemWriter problems;
    private final Counter shed;

    AdmissionFilter(AdmissionProperties settings, ProblemWriter problems, MeterRegistry meters) {
        this.settings = settings;
        this.slots = new Semaphore(settings.maxInFlight());
        this.problems = problems;
        this.shed = Counter.builder("coffer.http.admission.shed")
                .description("API requests answered 503 server_busy by admission control").register(meters);
        meters.gauge("coffer.http.admission.in.flight", slots, s -> settings.maxInFlight() - s.availablePermits());
    }

    /** The slots themselves, for a test that fills them to watch requests being shed. */
    Semaphore slots() {
        return slots;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || !request.getRequestURI().startsWith(API_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admit()) {
            shed.increment();
            problems.write(response, 503, "server_busy",
                    "The server is at capacity; retry after the time in Retry-After", settings.retryAfter());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }

    private boolean admit() {
        if (slots.tryAcquire()) {
            return true;
        }
        try {
            return settings.maxWait().isPositive()
                    && slots.tryAcquire(settings.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
