package dev.coffer.platform.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller of server-rendered pages. Pages live in the module of the feature they show (a transfer's page next
 * to transfers); this marks them so the page-wide model attributes (who is logged in, the money formatter) reach
 * them and never the JSON API.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Controller
public @interface PageController {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
