package dev.coffer.platform;

import java.util.Optional;

/**
 * Resolves a bearer token to a principal. Each module that issues credentials (identity: session tokens,
 * payments: API keys) provides one; tokens carry a type prefix, so exactly one authenticator claims each.
 */
public interface BearerAuthenticator {

    boolean claims(String token);

    Optional<CofferPrincipal> authenticate(String token);
}
