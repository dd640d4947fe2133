package dev.coffer.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a path variable or request field that holds the id of one kind of object ({@link Ids}: the prefix, '_' and
 * 26 base-32 characters). A value of another shape can name nothing, so it is answered 404 {@code not_found}, the
 * same as an unknown id, before anything is looked up: garbage (NUL, quotes, megabytes) never reaches a query.
 * Path variables are checked before binding, request fields right after the body is read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface IdOf {

    /** The id's prefix, such as {@code acc} for accounts; several when one name stands for kinds of objects. */
    String[] value();
}
