package dev.coffer.cli.bench;

/** One live status line on standard error, rewritten in place. */
final class Progress {

    private Progress() {
    }

    static synchronized void line(String format, Object... args) {
        System.err.print("\r" + String.format(format, args) + "    ");
        System.err.flush();
    }

    static synchronized void end() {
        System.err.println();
    }
}
