-- End users: the people who watch. 'id' is the stable subject (sub) of their tokens.
CREATE TABLE end_users (
    id varchar(36) NOT NULL,
    username varchar(100) NOT NULL,
    password_hash varchar(200) NOT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX end_users_username ON end_users (username);

-- Applicaster-style authorization providers. The pre-shared HS256 secret is stored only
-- AES-256-GCM-encrypted under the key-encryption key; redirect URIs one per line.
CREATE TABLE login_providers (
    id varchar(64) NOT NULL,
    display_name varchar(200) NOT NULL,
    issuer_name varchar(200) NOT NULL,
    token_lifetime_seconds bigint NOT NULL,
    secret_ciphertext varchar(1000) NOT NULL,
    redirect_uris varchar(20000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
