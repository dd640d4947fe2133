package dev.coffer.identity.oauth;

/** What each scope lets an app do, in the words the consent page and the security page use. */
public final class ScopeWords {

    private ScopeWords() {
    }

    public static String of(String scope) {
        return switch (scope) {
            case "openid" -> "Know who you are on Coffer (a user id of yours for this app)";
            case "profile" -> "See your name";
            case "email" -> "See your email address";
            case "accounts:read" -> "See your accounts, their balances and transactions (read only: it can't move money)";
            default -> scope;
        };
    }
}
