-- "Log in with Coffer": Spring Authorization Server's own tables (its JDBC services read and write them; the
-- schema is the library's, adapted for PostgreSQL as its notes say: blob -> text, timestamp -> timestamptz), the
-- signing keys every node shares, and who registered which client.

CREATE TABLE oauth2_registered_client (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    client_id                     varchar(100) NOT NULL UNIQUE,
    client_id_issued_at           timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 varchar(200) DEFAULT NULL,   -- only ever a hash ({argon2}, {bcrypt}, ...)
    client_secret_expires_at      timestamptz DEFAULT NULL,
    client_name                   varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris     varchar(1000) DEFAULT NULL,
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(2000) NOT NULL,
    token_settings                varchar(2000) NOT NULL
);

CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    text DEFAULT NULL,
    state                         varchar(500) DEFAULT NULL,
    authorization_code_value      text DEFAULT NULL,
    authorization_code_issued_at  timestamptz DEFAULT NULL,
    authorization_code_expires_at timestamptz DEFAULT NULL,
    authorization_code_metadata   text DEFAULT NULL,
    access_token_value            text DEFAULT NULL,
    access_token_issued_at        timestamptz DEFAULT NULL,
    access_token_expires_at       timestamptz DEFAULT NULL,
    access_token_metadata         text DEFAULT NULL,
    access_token_type             varchar(100) DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           text DEFAULT NULL,
    oidc_id_token_issued_at       timestamptz DEFAULT NULL,
    oidc_id_token_expires_at      timestamptz DEFAULT NULL,
    oidc_id_token_metadata        text DEFAULT NULL,
    refresh_token_value           text DEFAULT NULL,
    refresh_token_issued_at       timestamptz DEFAULT NULL,
    refresh_token_expires_at      timestamptz DEFAULT NULL,
    refresh_token_metadata        text DEFAULT NULL,
    user_code_value               text DEFAULT NULL,
    user_code_issued_at           timestamptz DEFAULT NULL,
    user_code_expires_at          timestamptz DEFAULT NULL,
    user_code_metadata            text DEFAULT NULL,
    device_code_value             text DEFAULT NULL,
    device_code_issued_at         timestamptz DEFAULT NULL,
    device_code_expires_at        timestamptz DEFAULT NULL,
    device_code_metadata          text DEFAULT NULL
);
-- The settings page lists a user's authorizations by client.
CREATE INDEX oauth2_authorization_principal ON oauth2_authorization (principal_name, registered_client_id);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name       varchar(200) NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Which merchant registered a client (Coffer's own record beside the library's).
CREATE TABLE oauth_client_owners (
    client_id     varchar(100) PRIMARY KEY REFERENCES oauth2_registered_client (client_id) ON DELETE CASCADE,
    owner_user_id text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX oauth_client_owners_by_owner ON oauth_client_owners (owner_user_id, created_at);

-- The provider's signing keys, shared by every node: the public JWK in clear (it is published), the private JWK
-- sealed with the secrets-at-rest key (platform.crypto, bound to its kid). The newest key signs; older ones stay
-- published until retired so tokens they signed still verify.
CREATE TABLE oauth_signing_keys (
    kid          text PRIMARY KEY,
    public_jwk   text NOT NULL,
    private_jwk  text NOT NULL CHECK (private_jwk LIKE 'sealed:%'),
    created_at   timestamptz NOT NULL,
    retired_at   timestamptz
);

-- The library finds an authorization by a token's value (a code at the token endpoint, an access token on each API
-- call, a refresh token at refresh and revocation): hash indexes serve equality on long values.
CREATE INDEX oauth2_authorization_by_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX oauth2_authorization_by_access ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX oauth2_authorization_by_refresh ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX oauth2_authorization_by_id_token ON oauth2_authorization USING hash (oidc_id_token_value);
