package dev.coffer.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The identity module's public face for other modules: look users up, never touch their tables. */
public interface Users {

    Optional<UserSummary> find(String userId);

    /** Whether the user logs in with a second factor. */
    boolean mfaEnabled(String userId);

    /** Display names of the given users (missing ids are simply absent from the map). */
    Map<String, String> displayNames(Collection<String> userIds);
}
