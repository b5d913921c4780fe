-- Settings a platform's dialect defines for its partners (Cloudflare's customer code, Brightcove's
-- account id, Mux's playback restriction...), as JSON text so new platforms need no new column.
ALTER TABLE partners ADD COLUMN settings varchar(4000) DEFAULT '{}' NOT NULL;
