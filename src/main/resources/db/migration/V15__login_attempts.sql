-- Sign-in attempts are reserved before any password is checked: one row per hashed key
-- ("u:<realm>:<username>" or "i:<realm>:<address>"), counted in a window that starts with its
-- first attempt. A conditional UPDATE takes a place under the row's lock, so concurrent attempts
-- on any node never exceed the limit. Replaces login_failures (a count read before the check,
-- which 40 simultaneous attempts could all pass).
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    throttle_key varchar(64) NOT NULL,
    window_started_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    PRIMARY KEY (throttle_key)
);
CREATE INDEX login_attempts_window ON login_attempts (window_started_at);
INSERT INTO job_leases (name, holder, expires_at) VALUES ('audit-retention', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
