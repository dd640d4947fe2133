package dev.coffer.platform.web;

import dev.coffer.platform.IdOf;
import java.util.ArrayList;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Registers {@link UrlRules} for the JSON API and makes sure every id in an API path declares its kind. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UrlRulesConfig implements WebMvcConfigurer {

    /** After the credential check (order 0): a caller of the wrong kind hears 403 whatever the id. */
    private static final int AFTER_CREDENTIALS = 1;

    private final ProblemWriter problems;

    UrlRulesConfig(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UrlRules(problems)).addPathPatterns("/api/**").order(AFTER_CREDENTIALS);
    }

    /** Start-up check: a path variable of an /api handler without {@code @IdOf} stops the application. */
    @Bean
    SmartInitializingSingleton everyApiPathIdDeclaresItsKind(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        return () -> {
            var undeclared = new ArrayList<String>();
            mapping.getHandlerMethods().forEach((info, method) -> {
                boolean api = info.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
                for (var parameter : method.getMethodParameters()) {
                    if (api && UrlRules.variableName(parameter).isPresent()
                            && !parameter.hasParameterAnnotation(IdOf.class)) {
                        undeclared.add(method.getShortLogMessage() + " {" + parameter.getParameterName() + "}");
                    }
                }
            });
            if (!undeclared.isEmpty()) {
                throw new IllegalStateException("API path variables without @IdOf: " + undeclared);
            }
        };
    }
}
