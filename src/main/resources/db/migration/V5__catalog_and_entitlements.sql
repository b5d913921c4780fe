-- Catalog: videos by the platform's own id, and collections (course, package, category, season,
-- series) that may sit in one parent (a season in its series). external_id holds e.g. a Vimond
-- package id.
CREATE TABLE videos (
    id varchar(200) NOT NULL,
    title varchar(500) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE collections (
    id varchar(100) NOT NULL,
    kind varchar(20) NOT NULL,
    title varchar(500) NOT NULL,
    external_id varchar(200),
    parent_id varchar(100),
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);
-- separate, because H2 cannot resolve a table's reference to itself while creating it
ALTER TABLE collections ADD CONSTRAINT collections_parent FOREIGN KEY (parent_id) REFERENCES collections (id);

CREATE TABLE collection_videos (
    collection_id varchar(100) NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    video_id varchar(200) NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, video_id)
);
CREATE INDEX collection_videos_video ON collection_videos (video_id);

-- Corporate access: a user holding a role may watch every collection that carries it.
CREATE TABLE collection_roles (
    collection_id varchar(100) NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    role varchar(100) NOT NULL,
    PRIMARY KEY (collection_id, role)
);

CREATE TABLE user_roles (
    user_id varchar(36) NOT NULL REFERENCES end_users (id) ON DELETE CASCADE,
    role varchar(100) NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Entitlements: a user's grant to one collection or one video. external_ref identifies the
-- grant in the system that imported it (LMS, billing), so a re-import updates instead of adding.
CREATE TABLE grants (
    id varchar(36) NOT NULL,
    user_id varchar(36) NOT NULL REFERENCES end_users (id) ON DELETE CASCADE,
    collection_id varchar(100) REFERENCES collections (id) ON DELETE CASCADE,
    video_id varchar(200) REFERENCES videos (id) ON DELETE CASCADE,
    kind varchar(20) NOT NULL,
    quality varchar(20),
    stream_count int,
    valid_from timestamp with time zone,
    valid_until timestamp with time zone,
    external_ref varchar(200),
    created_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT grants_one_target CHECK ((collection_id IS NULL AND video_id IS NOT NULL)
        OR (collection_id IS NOT NULL AND video_id IS NULL))
);
CREATE INDEX grants_user ON grants (user_id);
CREATE UNIQUE INDEX grants_external_ref ON grants (user_id, external_ref);
