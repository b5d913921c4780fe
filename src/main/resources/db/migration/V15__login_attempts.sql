-- Sign-in attempts are reserved before any password is checked: one row per hashed key
-- ("u:<realm>:<username>" or "i:<realm>:<address>") with the failures of its window (which starts
-- at its first attempt) and the checks in flight. A conditional UPDATE takes a place only while
-- failures + in flight stay under the limit, under the row's lock, so concurrent attempts on any
-- node never get more password checks than the limit. Replaces login_failures (a count read
-- before the check, which 40 simultaneous attempts could all pass).
DROP TABLE login_failures;
CREATE TABLE login_attempts (
    throttle_key varchar(64) NOT NULL,
    window_started_at timestamp with time zone NOT NULL,
    failures integer NOT NULL,
    in_flight integer NOT NULL,
    PRIMARY KEY (throttle_key)
);
CREATE INDEX login_attempts_window ON login_attempts (window_started_at);
INSERT INTO job_leases (name, holder, expires_at) VALUES ('audit-retention', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
