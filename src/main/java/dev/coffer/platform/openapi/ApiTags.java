package dev.coffer.platform.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The areas the OpenAPI document groups operations by. Controllers name theirs with {@code @Tag(name = ApiTags.X)};
 * the descriptions are here, once.
 */
public final class ApiTags {

    public static final String IDENTITY = "Identity";
    public static final String ACCOUNTS = "Accounts";
    public static final String TRANSFERS = "Transfers";
    public static final String CHECKOUT = "Checkout";
    public static final String PAYMENTS = "Payments";
    public static final String WEBHOOKS = "Webhooks";
    public static final String ADMIN = "Admin";

    /** In the order the document lists them. */
    static final Map<String, String> DESCRIPTIONS = descriptions();

    private ApiTags() {
    }

    private static Map<String, String> descriptions() {
        var tags = new LinkedHashMap<String, String>();
        tags.put(IDENTITY, "Signing up, logging in and out, session tokens, two-factor login, passwords, and the "
                + "secret API keys (sk_…) merchants create for their servers.");
        tags.put(ACCOUNTS, "A user's own accounts: opening them, balances, transaction history and CSV statements.");
        tags.put(TRANSFERS, "Moving money between accounts: atomic, double-entry, idempotent.");
        tags.put(CHECKOUT, "Checkout sessions: a merchant's server opens one (API key); a customer pays it "
                + "(session token), on the hosted pay page or through the API.");
        tags.put(PAYMENTS, "Payments of checkout sessions: capture or cancel a held payment, refund a succeeded one.");
        tags.put(WEBHOOKS, "A merchant's webhook endpoints and the events Coffer delivers to them, signed.");
        tags.put(ADMIN, "Operations for users with the admin role: deposits, withdrawals, freezing accounts, roles, "
                + "the ledger verification and the audit log.");
        return Collections.unmodifiableMap(tags);
    }
}
