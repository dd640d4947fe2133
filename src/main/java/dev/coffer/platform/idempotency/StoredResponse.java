package dev.coffer.platform.idempotency;

import java.util.Objects;

/** The answer given to a request, kept with its idempotency key and sent again, byte for byte, on a replay. */
public record StoredResponse(int status, String body) {

    public StoredResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("bad status " + status);
        }
        Objects.requireNonNull(body);
    }

    public boolean isError() {
        return status >= 400;
    }
}
