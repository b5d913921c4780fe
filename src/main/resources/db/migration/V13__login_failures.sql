-- Failed sign-ins, shared by every node so a cluster throttles as one server. Keys are SHA-256
-- hashes of "u:<username>" and "i:<address>": attempted usernames (sometimes a mistyped
-- password) are never stored as typed.
CREATE TABLE login_failures (
    throttle_key varchar(64) NOT NULL,
    failed_at timestamp with time zone NOT NULL
);
CREATE INDEX login_failures_key_time ON login_failures (throttle_key, failed_at);
CREATE INDEX login_failures_time ON login_failures (failed_at);
INSERT INTO job_leases (name, holder, expires_at) VALUES ('login-failures-cleanup', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
