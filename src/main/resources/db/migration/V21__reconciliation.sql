-- Bank statement reconciliation: imported statements, their lines (each matched to at most one settlement-account
-- transfer, and a transfer to at most one line), and the settlement-account entries no line matched.

CREATE TABLE recon_statements (
    id             text PRIMARY KEY,
    account_id     text NOT NULL REFERENCES accounts (id),     -- the settlement account the statement is for
    source         text NOT NULL CHECK (source IN ('camt053', 'csv')),
    external_id    text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 100), -- camt Stmt/Id, or CSV SHA-256
    currency       char(3) NOT NULL,
    period_start   date NOT NULL,                                -- first and last booking date of its lines
    period_end     date NOT NULL CHECK (period_end >= period_start),
    line_count     int NOT NULL CHECK (line_count > 0),
    matched_count  int NOT NULL CHECK (matched_count BETWEEN 0 AND line_count), -- at import: the replayed answer
    imported_by    text NOT NULL,
    created_at     timestamptz NOT NULL,
    UNIQUE (account_id, source, external_id)                     -- importing it again changes nothing
);

CREATE TABLE recon_lines (
    id                   text PRIMARY KEY,
    statement_id         text NOT NULL REFERENCES recon_statements (id),
    account_id           text NOT NULL REFERENCES accounts (id),
    line_no              int NOT NULL CHECK (line_no > 0),
    amount               bigint NOT NULL CHECK (amount <> 0 AND abs(amount) <= 1000000000000000), -- bank's view: + credit
    currency             char(3) NOT NULL,
    booking_date         date NOT NULL,
    reference            text CHECK (length(reference) <= 200),
    matched_transfer_id  text REFERENCES transfers (id),
    match_rule           text CHECK (match_rule IN ('reference', 'amount_date', 'manual', 'adjustment')),
    resolved_by          text,                                   -- the admin, for manual links and adjustments
    created_at           timestamptz NOT NULL,
    matched_at           timestamptz,
    UNIQUE (statement_id, line_no),
    CHECK ((matched_transfer_id IS NULL) = (match_rule IS NULL)),
    CHECK ((matched_transfer_id IS NULL) = (matched_at IS NULL))
);
-- One-to-one: never one ledger transfer for two lines, whatever the code does.
CREATE UNIQUE INDEX recon_lines_one_line_per_transfer ON recon_lines (matched_transfer_id)
    WHERE matched_transfer_id IS NOT NULL;
-- The exception queue reads open lines oldest first.
CREATE INDEX recon_lines_open ON recon_lines (created_at, id) WHERE matched_transfer_id IS NULL;

-- Settlement-account transfers within an imported statement's period that no line matched.
CREATE TABLE recon_entry_exceptions (
    id                       text PRIMARY KEY,
    account_id               text NOT NULL REFERENCES accounts (id),
    transfer_id              text NOT NULL UNIQUE REFERENCES transfers (id),
    amount                   bigint NOT NULL CHECK (amount <> 0),  -- bank's view, as a line would show it
    currency                 char(3) NOT NULL,
    entry_date               date NOT NULL,
    reference                text,
    statement_id             text NOT NULL REFERENCES recon_statements (id), -- the import that found it
    resolution               text CHECK (resolution IN ('matched', 'adjustment')),
    resolution_transfer_id   text REFERENCES transfers (id),      -- the adjusting transfer, or the matching one
    resolved_by              text,
    created_at               timestamptz NOT NULL,
    resolved_at              timestamptz,
    CHECK ((resolution IS NULL) = (resolved_at IS NULL))
);
CREATE INDEX recon_entry_exceptions_open ON recon_entry_exceptions (created_at, id) WHERE resolution IS NULL;
CREATE UNIQUE INDEX recon_entry_exceptions_one_per_adjustment ON recon_entry_exceptions (resolution_transfer_id)
    WHERE resolution_transfer_id IS NOT NULL;
