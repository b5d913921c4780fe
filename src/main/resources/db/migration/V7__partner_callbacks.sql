-- Decision callbacks: the HTTP Basic credentials a platform (Kinescope) uses to call us, the
-- password kept only as an HMAC under a key derived from the KEK (compared in constant time);
-- partner-level rules (IPs, origins, countries, time windows) as JSON; and the opt-in for
-- plain user ids instead of signed tokens (insecure, for a first integration only).
ALTER TABLE partners ADD COLUMN callback_username varchar(100);
ALTER TABLE partners ADD COLUMN callback_secret_hash varchar(100);
ALTER TABLE partners ADD COLUMN allow_plain_user_ids boolean DEFAULT false NOT NULL;
ALTER TABLE partners ADD COLUMN rules varchar(4000) DEFAULT '{}' NOT NULL;
-- the Basic username identifies the calling partner
CREATE UNIQUE INDEX partners_callback_username ON partners (callback_username);
