-- One row per cluster-wide job. A node runs the job only while it holds the lease, so key
-- rotation and clean-ups run once per cluster however many nodes share the database.
CREATE TABLE job_leases (
    name varchar(64) NOT NULL,
    holder varchar(200),
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (name)
);
INSERT INTO job_leases (name, holder, expires_at) VALUES ('key-rotation', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
INSERT INTO job_leases (name, holder, expires_at) VALUES ('authorization-cleanup', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
INSERT INTO job_leases (name, holder, expires_at) VALUES ('session-cleanup', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
