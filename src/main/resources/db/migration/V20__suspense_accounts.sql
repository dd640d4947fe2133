-- Reconciliation books what the bank shows and the ledger does not (or the reverse) against a suspense account per
-- currency: a second system account beside the settlement account, so the sum of a currency stays zero and the
-- difference stays visible until someone allocates it. `suspense` tells the two system accounts apart.
ALTER TABLE accounts ADD COLUMN suspense boolean NOT NULL DEFAULT false;
ALTER TABLE accounts ADD CONSTRAINT accounts_suspense_is_system CHECK (NOT suspense OR kind = 'system');
DROP INDEX one_settlement_account_per_currency;
CREATE UNIQUE INDEX one_system_account_per_currency_and_role ON accounts (currency, suspense) WHERE kind = 'system';
