package dev.coffer.platform;

import dev.coffer.platform.testclock.TestClockOffset;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one clock every rule asks for the time, so tests can move time (lockout expiry, token lifetimes). With
 * {@code coffer.test-clock=true} it runs ahead of real time by the test clock's stored offset (never in production).
 */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    static final String TEST_CLOCK = "coffer.test-clock";
    private static final Set<String> PRODUCTION_PROFILES = Set.of("prod", "production");

    @Bean
    TestClockOffset testClockOffset() {
        return new TestClockOffset();
    }

    /** Ticks in microseconds: what PostgreSQL stores, so a time we answer with is the time we read back. */
    @Bean
    Clock clock(Environment environment, TestClockOffset offset) {
        var real = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        if (!environment.getProperty(TEST_CLOCK, Boolean.class, false)) {
            return real;
        }
        for (var profile : environment.getActiveProfiles()) {
            if (PRODUCTION_PROFILES.contains(profile.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException(TEST_CLOCK + "=true is refused with the '" + profile
                        + "' profile active: a movable clock would let anyone with the admin role move money's "
                        + "time. Start without " + TEST_CLOCK + " (it is off by default).");
            }
        }
        return offset.shift(real);
    }
}
