package dev.coffer.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL instances of this JVM, one per data directory, started early and shared.
 *
 * <p>Start-up runs on its own thread from the moment the environment is known, so PostgreSQL boots while Spring
 * builds the context; the DataSource only waits for it at the end. Instances are reference-counted because
 * tests may build several application contexts over one data directory.
 */
public final class EmbeddedDatabases {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabases.class);
    private static final Map<Path, Instance> INSTANCES = new HashMap<>();

    private EmbeddedDatabases() {
    }

    /** Starts (once) the database on this data directory, in the background; cheap to call again. */
    public static synchronized void startAsync(Path dataDir, int port) {
        var key = dataDir.toAbsolutePath().normalize();
        INSTANCES.computeIfAbsent(key, dir -> new Instance(
                CompletableFuture.supplyAsync(() -> start(dir, port), Thread.ofPlatform().name("embedded-pg-start")::start)));
    }

    /** Waits for the database on this data directory and takes a reference to it; pair with {@link #release}. */
    static EmbeddedPostgres acquire(Path dataDir, int port) {
        startAsync(dataDir, port);
        Instance instance;
        synchronized (EmbeddedDatabases.class) {
            instance = INSTANCES.get(dataDir.toAbsolutePath().normalize());
            instance.references++;
        }
        return instance.postgres.join();
    }

    static void release(Path dataDir) {
        Instance instance;
        var key = dataDir.toAbsolutePath().normalize();
        synchronized (EmbeddedDatabases.class) {
            instance = INSTANCES.get(key);
            if (instance == null || --instance.references > 0) {
                return;
            }
            INSTANCES.remove(key);
        }
        try {
            instance.postgres.join().close();
            DataDirLock.release(key);
        } catch (IOException e) {
            log.warn("stopping embedded PostgreSQL failed: {}", e.getMessage());
        }
    }

    private static EmbeddedPostgres start(Path dataDir, int port) {
        long startedNanos = System.nanoTime();
        try {
            DataDirLock.acquire(dataDir);
            var pgData = dataDir.resolve("postgres");
            StalePostmaster.stopIfRunning(pgData);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Durability first: zonky defaults to synchronous_commit=off and passes -F (fsync off).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                builder.setPort(port);
            }
            var postgres = builder.start();
            log.info("embedded PostgreSQL ready on port {} with data in {} ({} ms)", postgres.getPort(), pgData,
                    (System.nanoTime() - startedNanos) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static final class Instance {
        final CompletableFuture<EmbeddedPostgres> postgres;
        int references;

        Instance(CompletableFuture<EmbeddedPostgres> postgres) {
            this.postgres = postgres;
        }
    }
}
