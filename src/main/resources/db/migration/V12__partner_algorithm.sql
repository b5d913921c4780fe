-- The signing algorithm of a partner's playback tokens (its key set must hold a key of it).
ALTER TABLE partners ADD COLUMN algorithm varchar(10) DEFAULT 'RS256' NOT NULL;
