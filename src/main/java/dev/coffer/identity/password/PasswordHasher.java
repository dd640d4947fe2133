package dev.coffer.identity.password;

import dev.coffer.identity.IdentityProperties;
import dev.coffer.platform.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id (m = 19 MiB, t = 2, p = 1: OWASP's first recommendation) on a bounded pool with one thread per core.
 *
 * <p>Each hash costs ~37 ms of CPU and 19 MiB of memory, so letting every request hash at once would starve the
 * server and could exhaust memory. Requests queue for a hashing thread instead (virtual threads wait cheaply);
 * when the queue is full the server answers 503 rather than fall over.
 */
@Component
public class PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final ThreadPoolExecutor pool;
    private final Timer waiting;
    private final Timer hashing;
    private volatile String dummyHash;

    PasswordHasher(IdentityProperties properties, MeterRegistry meters) {
        this.waiting = Timer.builder("coffer.password.hash.wait")
                .description("time a password check waits for a hashing thread").register(meters);
        this.hashing = Timer.builder("coffer.password.hash.work")
                .description("time one Argon2id hash takes on its thread").register(meters);
        int threads = properties.effectiveHashingThreads();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.hashingQueue()),
                Thread.ofPlatform().name("argon2-", 0).daemon().factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    public String hash(String password) {
        return run(() -> encoder.encode(password));
    }

    public boolean matches(String password, String encodedHash) {
        return run(() -> encoder.matches(password, encodedHash));
    }

    /**
     * Spends the same work as a real check against nothing: used when the email is unknown, so an attacker cannot
     * tell "no such user" from "wrong password" by timing.
     */
    public void matchAgainstDummy(String password) {
        run(() -> encoder.matches(password, dummyHash()));
    }

    /** True when the stored hash was made with other parameters than today's and should be replaced. */
    public boolean needsRehash(String encodedHash) {
        return encoder.upgradeEncoding(encodedHash);
    }

    private String dummyHash() {
        var hash = dummyHash;
        if (hash == null) {
            hash = encoder.encode("coffer-dummy-password-" + System.nanoTime());
            dummyHash = hash;
        }
        return hash;
    }

    private <T> T run(Callable<T> work) {
        long queuedAt = System.nanoTime();
        try {
            return pool.submit(() -> {
                long startedAt = System.nanoTime();
                waiting.record(startedAt - queuedAt, TimeUnit.NANOSECONDS);
                try {
                    return work.call();
                } finally {
                    hashing.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
                }
            }).get();
        } catch (RejectedExecutionException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "server_busy",
                    "Too many logins at once; try again in a moment", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}
