-- Passkeys (WebAuthn). user_entities and user_credentials are Spring Security's own schema
-- (user-entities-schema.sql, user-credentials-schema-postgres.sql), read and written by its
-- JdbcPublicKeyCredentialUserEntityRepository and JdbcUserCredentialRepository; kept column for column so the
-- library's SQL works unchanged. user_entities.name is the Coffer user id (usr_…); id is the random WebAuthn user
-- handle the authenticator keeps, so no email or Coffer id is ever stored on the authenticator.
CREATE TABLE user_entities (
    id           varchar(1000) NOT NULL PRIMARY KEY,
    name         varchar(100)  NOT NULL UNIQUE REFERENCES users (id),
    display_name varchar(200)
);

CREATE TABLE user_credentials (
    credential_id                varchar(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL REFERENCES user_entities (id) ON DELETE CASCADE,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_by_user ON user_credentials (user_entity_user_id);

-- One WebAuthn ceremony in flight: the random challenge handed to the browser, what it is for, and for whom.
-- Kept here rather than in an HTTP session (nodes are stateless): any node finishes what another began. The
-- answer names its challenge (in clientDataJSON), so the row is found by it and spent once.
CREATE TABLE webauthn_ceremonies (
    challenge    bytea PRIMARY KEY CHECK (length(challenge) BETWEEN 16 AND 64),
    purpose      text NOT NULL CHECK (purpose IN ('register', 'login', 'step_up')),
    user_id      text REFERENCES users (id),
    step_up_id   text REFERENCES step_up_challenges (id),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    CHECK ((purpose = 'login') = (user_id IS NULL)),
    CHECK ((purpose = 'step_up') = (step_up_id IS NOT NULL))
);
CREATE INDEX webauthn_ceremonies_by_expiry ON webauthn_ceremonies (expires_at);
