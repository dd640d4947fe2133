package dev.coffer.support;

import java.nio.file.Path;

/** Gives each test JVM its own embedded-PostgreSQL data directory under {@code target/test-data}. */
public final class TestDataDir {

    private TestDataDir() {
    }

    public static synchronized void configure() {
        if (System.getProperty("coffer.data-dir") == null) {
            var dir = Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid()).toAbsolutePath();
            System.setProperty("coffer.data-dir", dir.toString());
        }
    }
}
