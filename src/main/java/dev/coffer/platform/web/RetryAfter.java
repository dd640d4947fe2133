package dev.coffer.platform.web;

import java.time.Duration;

/** Formats a wait as the delta-seconds form of {@code Retry-After}, rounded up and at least 1. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static String seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
