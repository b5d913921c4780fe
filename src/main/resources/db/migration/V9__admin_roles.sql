-- Least privilege for operators: ADMIN may change things, VIEWER may only look.
ALTER TABLE admin_users ADD COLUMN role varchar(20) DEFAULT 'ADMIN' NOT NULL;
