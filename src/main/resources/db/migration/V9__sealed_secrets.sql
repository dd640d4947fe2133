-- Secrets at rest: TOTP seeds and webhook signing secrets are sealed (AES-256-GCM) under a master key that is not in
-- the database. This row, sealed on the first start, proves on every later start that the node holds that key.
CREATE TABLE crypto_key_check (
    id      smallint PRIMARY KEY CHECK (id = 1),
    sealed  text NOT NULL CHECK (sealed LIKE 'sealed:v1:%')
);
-- Existing clear values are sealed by the application at start-up (it needs the key); new ones arrive sealed.
COMMENT ON COLUMN users.totp_secret IS 'sealed:v1:… (AEAD under the master key, bound to the user id)';
COMMENT ON COLUMN webhook_endpoints.secret IS 'sealed:v1:… (AEAD under the master key, bound to the endpoint id)';
COMMENT ON COLUMN webhook_endpoints.previous_secret IS 'sealed:v1:…, same binding as secret';
