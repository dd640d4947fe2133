package dev.coffer.platform.web;

import dev.coffer.platform.HttpProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (default 64 KiB: no Coffer request needs more, except a bank statement upload, which may take
 * 2 MiB: a month of a busy settlement account in camt.053, and a bulk transfer request, 2 MiB as well). A declared Content-Length over the limit is
 * refused before reading; a chunked body is counted while read and fails once it passes the limit.
 * Either way the client gets 413 problem+json and nothing is changed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** The statement uploads (API and admin page), the only requests allowed the larger limit. */
    static final java.util.Set<String> STATEMENT_PATHS = java.util.Set.of("/api/v1/admin/reconciliation/statements",
            "/admin/reconciliation/statements");

    /** Bulk transfers: up to 1,000 transfers, each with a description, in one body. */
    static final String BULK_TRANSFERS_PATH = "/api/v1/transfers/batch";

    private final long defaultMaxBodyBytes;
    private final long maxStatementBytes;
    private final long maxBulkBodyBytes;
    private final ProblemWriter problems;

    BodySizeLimitFilter(HttpProperties http, ProblemWriter problems) {
        this.defaultMaxBodyBytes = http.maxBodyBytes();
        this.maxStatementBytes = http.maxStatementBytes();
        this.maxBulkBodyBytes = http.maxBulkBodyBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBodyBytes = maxBodyBytes(request.getRequestURI());
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response, maxBodyBytes);
            return;
        }
        var limited = new LimitedRequest(request, maxBodyBytes);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!limited.exceeded) {
                throw e;
            }
            tooLarge(response, maxBodyBytes);
        }
        if (limited.exceeded && !response.isCommitted()) {
            tooLarge(response, maxBodyBytes);
        }
    }

    private long maxBodyBytes(String path) {
        if (STATEMENT_PATHS.contains(path)) {
            return maxStatementBytes;
        }
        return BULK_TRANSFERS_PATH.equals(path) ? maxBulkBodyBytes : defaultMaxBodyBytes;
    }

    private void tooLarge(HttpServletResponse response, long maxBodyBytes) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(response, 413, "payload_too_large",
                "The request body is larger than " + maxBodyBytes + " bytes");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }

        private final class CountingStream extends ServletInputStream {
            private final ServletInputStream in;
            private long count;

            CountingStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws IOException {
                count += n;
                if (count > limit) {
                    exceeded = true;
                    throw new BodyTooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
