package dev.coffer.identity;

import java.util.List;

/**
 * Lines other modules add about a user on the admin's user page ("2 accounts: EUR €10.00, JPY ¥0"), so the page
 * can show them without the identity module knowing those modules: they implement this, the page asks them all.
 */
public interface AdminUserFacts {

    List<String> about(String userId);
}
