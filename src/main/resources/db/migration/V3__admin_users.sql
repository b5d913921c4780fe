CREATE TABLE admin_users (
    username varchar(100) NOT NULL,
    password_hash varchar(200) NOT NULL,
    enabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (username)
);
