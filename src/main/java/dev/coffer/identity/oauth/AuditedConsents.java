package dev.coffer.identity.oauth;

import dev.coffer.identity.OAuthEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The library's consent store, with each consent given or taken back written to the audit log in the same
 * transaction (the library calls the store outside any).
 */
final class AuditedConsents implements OAuth2AuthorizationConsentService {

    private final OAuth2AuthorizationConsentService store;
    private final RegisteredClientRepository clients;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    AuditedConsents(OAuth2AuthorizationConsentService store, RegisteredClientRepository clients,
            ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.store = store;
        this.clients = clients;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        transactions.executeWithoutResult(tx -> {
            store.save(consent);
            events.publishEvent(new OAuthEvent("oauth.consent_granted", consent.getPrincipalName(),
                    clientId(consent.getRegisteredClientId())));
        });
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        transactions.executeWithoutResult(tx -> {
            store.remove(consent);
            events.publishEvent(new OAuthEvent("oauth.consent_revoked", consent.getPrincipalName(),
                    clientId(consent.getRegisteredClientId())));
        });
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return store.findById(registeredClientId, principalName);
    }

    private String clientId(String registeredClientId) {
        var client = clients.findById(registeredClientId);
        return client == null ? registeredClientId : client.getClientId();
    }
}
