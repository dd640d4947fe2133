package dev.coffer.identity;

import dev.coffer.platform.CofferPrincipal;
import jakarta.annotation.Nullable;
import java.util.List;

/** Merchants' "Log in with Coffer" apps, for the merchant page (the API is the identity module's own). */
public interface OAuthApps {

    /** A registered app as its merchant sees it. */
    record App(String clientId, String name, List<String> redirectUris, List<String> scopes, boolean isPublic) {
    }

    /** A new app: its secret (none for a public app) is shown once. */
    record Registered(String clientId, @Nullable String clientSecret) {
    }

    List<App> apps(CofferPrincipal merchant);

    Registered registerApp(CofferPrincipal merchant, String name, List<String> redirectUris, List<String> scopes,
            boolean isPublic);

    void deleteApp(CofferPrincipal merchant, String clientId);
}
