package dev.coffer.platform.web;

import java.io.IOException;

/** Raised while reading a body that passes the configured limit; surfaces as 413 problem+json. */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limitBytes) {
        super("request body over " + limitBytes + " bytes");
    }

    static boolean causedBy(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
