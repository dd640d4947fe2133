package dev.coffer.platform.openapi;

import java.util.Map;

/**
 * What each problem {@code code} means, as the OpenAPI document explains it to client authors. A code an operation
 * declares must be listed here, so every documented code is explained (the document fails to build otherwise).
 */
final class ProblemCatalog {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            // 400
            Map.entry("bad_request", "the server refused the URL itself (an encoded '/', '\\' or NUL in the path, "
                    + "or a query string that is not UTF-8)"),
            Map.entry("malformed_request", "the body is missing, is not JSON, or is not a JSON object"),
            Map.entry("validation_failed", "fields or query parameters are invalid, or a JSON value has the wrong "
                    + "type; `errors` names each field"),
            Map.entry("invalid_parameter", "a query parameter is out of range or unreadable (`limit`, `from`, `to`)"),
            Map.entry("invalid_cursor", "`cursor` is not one this API returned"),
            Map.entry("invalid_statement", "not a bank statement Coffer reads (malformed, a DTD, or past a limit)"),
            Map.entry("invalid_last_event_id", "`Last-Event-ID` is not an id this stream sent"),
            Map.entry("invalid_range", "`from` is not before `to`"),
            Map.entry("invalid_passkey", "`passkey` is not a WebAuthn credential Coffer can read (its "
                    + "clientDataJSON names no challenge, or a field is not base64url)"),
            Map.entry("idempotency_key_required", "this request moves money: send an `Idempotency-Key` header"),
            Map.entry("invalid_idempotency_key", "`Idempotency-Key` must be 1 to 255 printable ASCII characters"),
            // 401
            Map.entry("unauthenticated", "no `Authorization: Bearer …` header"),
            Map.entry("invalid_token", "the bearer token is unknown, expired or revoked (also on operations that "
                    + "need none, when one is sent)"),
            Map.entry("invalid_credentials", "the email or password is wrong (same answer for an unknown email)"),
            Map.entry("mfa_required", "two-factor login is on: `totp` is missing or wrong"),
            Map.entry("user_locked", "an admin locked this user: the login is refused (only after the right password) "
                    + "until an admin unlocks them"),
            // 403
            Map.entry("forbidden", "the caller's kind of credential is not accepted here, or the caller lacks the "
                    + "role this needs"),
            Map.entry("step_up_required", "a payment at or above the step-up threshold to a new payee: verify the "
                    + "`challengeId` with a second factor, then repeat the request with header `Coffer-Challenge`"),
            Map.entry("second_factor_required", "this payment needs a step-up, and the caller has no second factor: "
                    + "turn on two-factor login first"),
            Map.entry("challenge_mismatch", "the `Coffer-Challenge` was issued for another account, payee, amount or "
                    + "currency"),
            Map.entry("challenge_not_verified", "verify the challenge (`POST /api/v1/challenges/{id}/verify`) first"),
            Map.entry("four_eyes_required", "the approval must come from an admin other than the one who asked"),
            Map.entry("insufficient_scope", "an app's OAuth access token may not call this operation, or lacks the "
                    + "scope it needs (`accounts:read`)"),
            // 404
            Map.entry("not_found", "nothing the caller may see has this id (an id of the wrong shape names nothing "
                    + "either)"),
            // 409
            Map.entry("idempotency_key_in_use", "a request with this `Idempotency-Key` is still in flight; retry"),
            Map.entry("email_taken", "an account with this email already exists"),
            Map.entry("mfa_already_enabled", "two-factor login is already on"),
            Map.entry("challenge_not_open", "the challenge was used, expired or had too many wrong codes"),
            Map.entry("approval_not_pending", "the request was already decided (approved, rejected or failed)"),
            Map.entry("mfa_not_enabled", "two-factor login is not on"),
            Map.entry("mfa_not_started", "start enrolment with `POST /api/v1/me/mfa/totp` first"),
            Map.entry("last_admin", "the last admin cannot lose the admin role"),
            Map.entry("cannot_lock_self", "an admin cannot lock themselves"),
            Map.entry("session_not_open", "the checkout session is already paid or has expired"),
            Map.entry("payment_not_capturable", "only a payment in `requires_capture` can be captured"),
            Map.entry("payment_not_cancelable", "only a payment in `requires_capture` can be canceled"),
            Map.entry("payment_not_refundable", "only a `succeeded` payment can be refunded"),
            Map.entry("hold_not_pending", "the payment's hold was released or captured meanwhile"),
            Map.entry("hold_expired", "the hold expired (`captureBefore` has passed): nothing can be captured"),
            Map.entry("already_resolved", "the exception was resolved already"),
            Map.entry("already_matched", "the transfer is matched to another statement line already"),
            Map.entry("too_many_schedules", "the user has the most active standing orders allowed"),
            Map.entry("too_many_alerts", "the account holds the most balance alerts allowed"),
            // 413, 415
            Map.entry("payload_too_large", "the body is larger than the server accepts (64 KiB by default)"),
            Map.entry("unsupported_media_type", "send the body as `application/json`"),
            // 422
            Map.entry("idempotency_key_reused", "this `Idempotency-Key` was used before with a different request"),
            Map.entry("insufficient_funds", "the paying account's available balance is too low"),
            Map.entry("currency_mismatch", "the accounts (or the session) are not all in the request's currency"),
            Map.entry("same_account", "source and destination are the same account"),
            Map.entry("account_frozen", "an account involved is frozen: it can neither send nor receive"),
            Map.entry("balance_limit_exceeded", "a balance would grow beyond what Coffer can hold"),
            Map.entry("limit_exceeded", "a spending limit of the paying account (per transfer, day or month) is reached"),
            Map.entry("weak_password", "the password is shorter than 12 characters or too common"),
            Map.entry("invalid_code", "the authenticator code does not match"),
            Map.entry("unsupported_currency", "not an ISO 4217 currency with minor units"),
            Map.entry("too_many_accounts", "the user holds the most accounts allowed"),
            Map.entry("too_many_api_keys", "the merchant holds the most active API keys allowed"),
            Map.entry("invalid_redirect_uri", "a redirect URI is not `https` (nor `http` on localhost), has a "
                    + "fragment, or points at a private or link-local address"),
            Map.entry("invalid_scope", "a scope Coffer does not offer (`openid`, `profile`, `email`, "
                    + "`accounts:read`)"),
            Map.entry("too_many_clients", "the merchant has registered the most apps allowed"),
            Map.entry("too_many_endpoints", "the merchant holds the most webhook endpoints allowed"),
            Map.entry("invalid_webhook_url", "the URL is not an absolute http(s) URL Coffer may deliver to"),
            Map.entry("unknown_event_type", "an event type is not one Coffer sends"),
            Map.entry("invalid_amount", "the session's total must be at least 1 minor unit"),
            Map.entry("amount_too_large", "the session's total must not exceed 10^15 minor units"),
            Map.entry("amount_exceeds_hold", "the capture amount must be between 1 and the held amount"),
            Map.entry("refund_exceeds_captured", "more than what is left to refund"),
            Map.entry("statement_too_large", "the statement has more lines than one import takes"),
            Map.entry("invalid_resolution", "give either {transferId} or {adjust: true, reference}"),
            Map.entry("amount_mismatch", "the transfer's amount differs from the statement line's"),
            Map.entry("invalid_alert", "an alert needs 'below', 'above' or both, with 'below' under 'above'"),
            Map.entry("invalid_price", "at most a year between charges: intervalCount up to 366 days, 52 weeks, "
                    + "12 months or 1 year"),
            Map.entry("subscription_canceled", "the subscription is canceled already"),
            Map.entry("invalid_schedule", "startAt must be now or later (within ten years), interval one of day, week, "
                    + "month, year; a one-off order runs once"),
            Map.entry("invalid_advance", "advanceBy must be a positive ISO-8601 period (P1M) or duration (PT2H) that "
                    + "keeps the test clock before the year 3000"),
            Map.entry("unknown_email_kind", "not one of the kinds of email Coffer sends"),
            // 429, 503
            Map.entry("too_many_attempts", "too many attempts from this address or for this account; see "
                    + "`Retry-After`"),
            Map.entry("too_many_streams", "too many open event streams for this user or this server; see "
                    + "`Retry-After`"),
            Map.entry("database_unavailable", "the database is unreachable; retry after `Retry-After` seconds"),
            Map.entry("ledger_busy", "the ledger is saturated; retry with the same `Idempotency-Key`"),
            Map.entry("server_busy", "the server is at capacity (too many API requests, or too many password "
                    + "checks, at once); retry after `Retry-After` seconds"));

    private ProblemCatalog() {
    }

    static String meaning(String code) {
        var meaning = MEANINGS.get(code);
        if (meaning == null) {
            throw new IllegalStateException("Problem code '" + code + "' is declared but not described in "
                    + ProblemCatalog.class.getSimpleName());
        }
        return meaning;
    }
}
