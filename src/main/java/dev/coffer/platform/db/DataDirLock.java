package dev.coffer.platform.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An OS file lock on {@code <data-dir>/coffer.lock}, held while this JVM uses the data directory. The kernel drops
 * it when the process dies, even on {@code kill -9}: so a PostgreSQL found running on a data directory whose lock
 * we could take is an orphan of a crashed Coffer, never the database of a live one.
 */
final class DataDirLock {

    private static final Map<Path, FileLock> HELD = new HashMap<>();

    private DataDirLock() {
    }

    static synchronized void acquire(Path dataDir) throws IOException {
        if (HELD.containsKey(dataDir)) {
            return;
        }
        Files.createDirectories(dataDir);
        var channel = FileChannel.open(dataDir.resolve("coffer.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another running Coffer uses the data directory " + dataDir
                    + "; stop it first or start this one with --coffer.data-dir=<another directory>");
        }
        HELD.put(dataDir, lock);
    }

    static synchronized void release(Path dataDir) throws IOException {
        var lock = HELD.remove(dataDir);
        if (lock != null) {
            lock.release();
            lock.channel().close();
        }
    }
}
