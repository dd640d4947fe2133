package dev.coffer.platform.pages;

import java.util.Optional;

/**
 * A feature's words for the page a login leads to, so the login page can say why it is asked ("You are about to
 * pay Pizza Palace €9.50."). The login page knows only this interface; the feature that owns the path answers.
 */
public interface LoginDestination {

    /** Words for {@code nextPath} (a local path such as {@code /pay/cs_…}), or empty when it is not this feature's. */
    Optional<String> describe(String nextPath);
}
