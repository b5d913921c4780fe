-- Viewer sessions: concurrent-stream and device limits, token revocation and single-use tokens
-- (dev.ticketbooth.sessions, docs/sessions.md).

-- Per-partner limits: null max_streams / max_devices mean no limit from the partner.
ALTER TABLE partners ADD COLUMN max_streams integer;
ALTER TABLE partners ADD COLUMN stream_limit_policy varchar(16) DEFAULT 'block-new' NOT NULL;
ALTER TABLE partners ADD COLUMN max_devices integer;
ALTER TABLE partners ADD COLUMN device_slot_cooldown_seconds bigint DEFAULT 86400 NOT NULL;
ALTER TABLE partners ADD COLUMN single_use boolean DEFAULT false NOT NULL;

-- "Revoke all tokens": tokens issued at or before tokens_revoked_at are denied; the count is
-- IVS's aws:viewer-session-version.
ALTER TABLE end_users ADD COLUMN tokens_revoked_at timestamp with time zone;
ALTER TABLE end_users ADD COLUMN token_revocations integer DEFAULT 0 NOT NULL;

-- Only the SHA-256 of a session id is stored (sha256:<base64url>), as for OAuth tokens. A session
-- is live while ended_at is null and expires_at is ahead; ended rows stay a while so that a late
-- heartbeat learns why (kicked, revoked, stopped).
CREATE TABLE viewer_sessions (
    id_hash varchar(64) NOT NULL,
    user_id varchar(36) NOT NULL,
    partner_id varchar(64) NOT NULL,
    token_hash varchar(64) NOT NULL,
    video varchar(300),
    device_id varchar(128),
    opened_by varchar(16) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    end_reason varchar(16),
    PRIMARY KEY (id_hash),
    CONSTRAINT viewer_sessions_user FOREIGN KEY (user_id) REFERENCES end_users (id) ON DELETE CASCADE
);
CREATE INDEX viewer_sessions_by_user ON viewer_sessions (user_id, expires_at);
CREATE INDEX viewer_sessions_by_token ON viewer_sessions (token_hash);
CREATE INDEX viewer_sessions_by_expiry ON viewer_sessions (expires_at);

-- Device slots: a removed device keeps its slot until removed_at + the partner's cooldown.
CREATE TABLE viewer_devices (
    user_id varchar(36) NOT NULL,
    device_id varchar(128) NOT NULL,
    first_seen timestamp with time zone NOT NULL,
    last_seen timestamp with time zone NOT NULL,
    removed_at timestamp with time zone,
    PRIMARY KEY (user_id, device_id),
    CONSTRAINT viewer_devices_user FOREIGN KEY (user_id) REFERENCES end_users (id) ON DELETE CASCADE
);

-- Single-use tokens: the primary key makes the first use win, cluster-wide.
CREATE TABLE used_tokens (
    jti_hash varchar(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (jti_hash)
);
CREATE INDEX used_tokens_by_expiry ON used_tokens (expires_at);

INSERT INTO job_leases (name, holder, expires_at) VALUES ('viewer-session-cleanup', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
