-- Sign-in on every screen. A TV polls the token endpoint with its device code every few seconds
-- and a viewer's typed user code is looked up once per attempt: both look-ups now get an index
-- (V16 left them out while the device flow was unused).
CREATE INDEX oauth2_authorization_device_code ON oauth2_authorization (device_code_value);
CREATE INDEX oauth2_authorization_user_code ON oauth2_authorization (user_code_value);

-- Refresh tokens rotate on every use. The hash of each token rotated away is kept until it would
-- have expired, so that presenting it again (a stolen copy, RFC 9700 4.14.2) is recognised and
-- ends the whole authorization, the current refresh token with it.
CREATE TABLE oauth2_rotated_refresh_token (
    token_hash varchar(100) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (token_hash)
);
CREATE INDEX oauth2_rotated_refresh_token_authorization ON oauth2_rotated_refresh_token (authorization_id);
CREATE INDEX oauth2_rotated_refresh_token_expiry ON oauth2_rotated_refresh_token (expires_at);
