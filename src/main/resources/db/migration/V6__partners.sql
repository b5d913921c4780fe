-- One partner per platform integration: its token profile (vidbeo, streamamg, kinescope), the
-- key set that signs for it, iss/aud, lifetimes, claim names and player URL templates (JSON).
CREATE TABLE partners (
    id varchar(64) NOT NULL,
    profile varchar(20) NOT NULL,
    key_set varchar(64) NOT NULL REFERENCES key_sets (name),
    issuer varchar(500) NOT NULL,
    audience varchar(500),
    default_lifetime_seconds bigint NOT NULL,
    max_lifetime_seconds bigint NOT NULL,
    claim_names varchar(2000) NOT NULL,
    url_templates varchar(4000) NOT NULL,
    library_tokens boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
