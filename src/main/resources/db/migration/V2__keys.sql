-- Signing key ring. Private keys are stored only as AES-256-GCM ciphertext (base64) under the
-- key-encryption key; public keys as base64 SubjectPublicKeyInfo.
CREATE TABLE key_sets (
    name varchar(64) NOT NULL,
    algorithms varchar(100) NOT NULL,
    published boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (name)
);

CREATE TABLE signing_keys (
    kid varchar(64) NOT NULL,
    key_set varchar(64) NOT NULL REFERENCES key_sets (name),
    algorithm varchar(10) NOT NULL,
    state varchar(10) NOT NULL,
    origin varchar(10) NOT NULL,
    public_key varchar(4000) NOT NULL,
    private_key_ciphertext varchar(8000),
    partner_key_id varchar(200),
    created_at timestamp with time zone NOT NULL,
    activated_at timestamp with time zone,
    retired_at timestamp with time zone,
    revoked_at timestamp with time zone,
    PRIMARY KEY (kid)
);
CREATE INDEX signing_keys_set_state ON signing_keys (key_set, algorithm, state);

-- One row: bumped in every key transaction, so other nodes (and a running server, after a CLI
-- rotation) notice a change with one cheap query.
CREATE TABLE key_ring_state (
    id int NOT NULL,
    generation bigint NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO key_ring_state (id, generation) VALUES (1, 0);

-- A known value encrypted under the key-encryption key, so a wrong TICKETBOOTH_KEK is refused
-- at start-up with a clear message instead of surfacing later as undecryptable keys.
CREATE TABLE key_encryption_check (
    id int NOT NULL,
    ciphertext varchar(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
