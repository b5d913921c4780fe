-- Code and token columns now hold SHA-256 hashes (V14, 'sha256:' and 43 base64url characters), not
-- multi-kilobyte JWTs, so they fit a varchar and can be indexed: every look-up by token (token
-- endpoint, /userinfo, revocation, the API's revocation check) uses an index instead of a scan.
-- ID token, device and user code look-ups are rare (logout hints, the device flow) and get none:
-- every client-credentials token inserts a row, and each index costs that insert.
ALTER TABLE oauth2_authorization ALTER COLUMN authorization_code_value SET DATA TYPE varchar(100);
ALTER TABLE oauth2_authorization ALTER COLUMN access_token_value SET DATA TYPE varchar(100);
ALTER TABLE oauth2_authorization ALTER COLUMN oidc_id_token_value SET DATA TYPE varchar(100);
ALTER TABLE oauth2_authorization ALTER COLUMN refresh_token_value SET DATA TYPE varchar(100);
ALTER TABLE oauth2_authorization ALTER COLUMN user_code_value SET DATA TYPE varchar(100);
ALTER TABLE oauth2_authorization ALTER COLUMN device_code_value SET DATA TYPE varchar(100);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_principal ON oauth2_authorization (principal_name);
