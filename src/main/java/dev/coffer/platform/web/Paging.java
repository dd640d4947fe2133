package dev.coffer.platform.web;

import dev.coffer.platform.ApiException;
import org.springframework.http.HttpStatus;

/** The list conventions of the contract: {@code ?limit=} 1..100 (default 20), {@code ?cursor=} from the last page. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** A list's {@code ?type=} filter: an event or audit type such as {@code payment.succeeded}. */
    public static final String TYPE_FILTER = "^[a-z][a-z0-9_.]{0,63}$";

    private Paging() {
    }

    public static int limit(Integer requested) {
        int limit = requested == null ? DEFAULT_LIMIT : requested;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                    "'limit' must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A cursor that is a positive sequence number; no cursor means "from the newest". */
    public static long beforeSeq(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            long seq = Long.parseLong(cursor);
            if (seq < 1) {
                throw new NumberFormatException(cursor);
            }
            return seq;
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    public static ApiException invalidCursor() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", "The cursor is not one this API returned");
    }
}
