package dev.coffer.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals particular to one API operation: an HTTP status and the problem {@code code}s it can answer with.
 * Refusals every operation of a kind shares are not repeated here; the OpenAPI document derives them from what the
 * operation is (its {@link Accepts}, path ids, body, {@code Idempotency-Key}). The document is checked against every
 * answer the black-box tests receive, so a code that is thrown but not declared fails a test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Refuses.All.class)
public @interface Refuses {

    int status();

    String[] codes();

    /** The container Java needs for repeating {@link Refuses}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        Refuses[] value();
    }
}
