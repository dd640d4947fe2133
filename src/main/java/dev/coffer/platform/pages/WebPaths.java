package dev.coffer.platform.pages;

/** Where to send a browser after login: only ever a path on this site (no open redirect). */
public final class WebPaths {

    private WebPaths() {
    }

    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }
}
