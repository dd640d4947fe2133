/** Accounts and their balances, for the browser pages and other clients. */
@NamedInterface("accounts")
package dev.coffer.ledger.account;

import org.springframework.modulith.NamedInterface;
