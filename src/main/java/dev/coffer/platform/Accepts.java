package dev.coffer.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;

/**
 * Which credentials an API operation accepts. Every handler under {@code /api/} declares it (on the method, or on
 * its controller for all methods); the application refuses to start when one does not, and one interceptor
 * enforces it for every request: a caller authenticated with another kind of credential gets 403 {@code forbidden}
 * before anything is read or changed. So a merchant's {@code sk_} key, made for its server's checkout, payment and
 * webhook calls, can never read its owner's personal accounts, and a new endpoint can't forget to say.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Accepts {

    /** The credential kinds allowed; empty only for {@link #anonymous} operations. */
    CofferPrincipal.Kind[] value() default {};

    /**
     * For {@link CofferPrincipal.Kind#OAUTH}: the scopes an app's access token must carry (all of them). An OAuth
     * caller on an operation that does not accept OAuth, or without these scopes, gets 403 {@code
     * insufficient_scope}.
     */
    String[] scopes() default {};

    /** True for the few operations anyone may call without a credential (sign up, log in, refresh). */
    boolean anonymous() default false;

    /** Finds an operation's declaration: on its method, else on its controller. Enforcement and docs both use it. */
    final class Lookup {

        private Lookup() {
        }

        public static Optional<Accepts> of(HandlerMethod method) {
            var onMethod = method.getMethodAnnotation(Accepts.class);
            return Optional.ofNullable(onMethod != null ? onMethod : method.getBeanType().getAnnotation(Accepts.class));
        }
    }
}
