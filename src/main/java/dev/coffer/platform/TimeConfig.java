package dev.coffer.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every rule asks for the time, so tests can move time (lockout expiry, token lifetimes). */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    /** Ticks in microseconds: what PostgreSQL stores, so a time we answer with is the time we read back. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
