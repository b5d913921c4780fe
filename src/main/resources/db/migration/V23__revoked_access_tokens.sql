-- Client-credentials access tokens are not stored (oauth2_authorization); the ones revoked at
-- /oauth2/revoke are remembered here by their jti until they expire, so every node refuses them.
-- Rows past expires_at (plus the clean-up's grace) are removed by the authorization clean-up.
CREATE TABLE revoked_access_token (
    token_id varchar(100) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (token_id)
);
CREATE INDEX revoked_access_token_expires_at ON revoked_access_token (expires_at);
