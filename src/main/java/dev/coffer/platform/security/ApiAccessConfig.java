package dev.coffer.platform.security;

import dev.coffer.platform.web.ProblemWriter;
import java.util.ArrayList;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Registers the credential-kind check for the JSON API and makes sure every API operation declares its callers. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiAccessConfig implements WebMvcConfigurer {

    private final ProblemWriter problems;

    ApiAccessConfig(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CredentialKindInterceptor(problems)).addPathPatterns("/api/**");
    }

    /** Start-up check: a handler under /api/ without {@code @Accepts} stops the application with its name. */
    @Bean
    SmartInitializingSingleton everyApiOperationDeclaresItsCallers(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        return () -> {
            var undeclared = new ArrayList<String>();
            mapping.getHandlerMethods().forEach((info, method) -> {
                boolean api = info.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
                if (api && CredentialKindInterceptor.declared(method).isEmpty()) {
                    undeclared.add(method.getShortLogMessage());
                }
            });
            if (!undeclared.isEmpty()) {
                throw new IllegalStateException("API operations without @Accepts: " + undeclared);
            }
        };
    }
}
