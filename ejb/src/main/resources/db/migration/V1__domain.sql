-- Glimpse domain, first version. Ids come from sequences that step by 50 so that EclipseLink can batch inserts;
-- they start at 50 because EclipseLink takes the first value as the top of its first block of 50.

CREATE SEQUENCE studio_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE photographer_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE event_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE source_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE photo_import_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE photo_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE face_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE studio (
    id          bigint PRIMARY KEY,
    name        varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL
);

CREATE TABLE photographer (
    id             bigint PRIMARY KEY,
    studio_id      bigint       NOT NULL REFERENCES studio (id),
    email          varchar(320) NOT NULL,
    display_name   varchar(200) NOT NULL,
    password_hash  varchar(512) NOT NULL,
    role           varchar(20)  NOT NULL CHECK (role IN ('OWNER', 'PHOTOGRAPHER')),
    created_at     timestamptz  NOT NULL
);
CREATE UNIQUE INDEX photographer_email_uq ON photographer (lower(email));

CREATE TABLE event (
    id                bigint PRIMARY KEY,
    studio_id         bigint       NOT NULL REFERENCES studio (id),
    name              varchar(200) NOT NULL,
    event_date        date,
    slug              varchar(80)  NOT NULL UNIQUE,
    access_code_hash  varchar(512),
    access_expires_at timestamptz,
    face_search       boolean      NOT NULL DEFAULT true,
    created_at        timestamptz  NOT NULL
);
CREATE INDEX event_studio_idx ON event (studio_id);

CREATE TABLE source (
    id          bigint PRIMARY KEY,
    event_id    bigint       NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    kind        varchar(20)  NOT NULL CHECK (kind IN ('FOLDER', 'UPLOAD', 'DRIVE')),
    location    text         NOT NULL,
    label       varchar(300) NOT NULL,
    created_at  timestamptz  NOT NULL,
    UNIQUE (event_id, kind, location)
);

CREATE TABLE photo_import (
    id              bigint PRIMARY KEY,
    event_id        bigint      NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    source_id       bigint      NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    status          varchar(20) NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'STOPPED')),
    total           integer     NOT NULL DEFAULT 0,
    processed       integer     NOT NULL DEFAULT 0,
    failed          integer     NOT NULL DEFAULT 0,
    faces           integer     NOT NULL DEFAULT 0,
    failure_reason  text,
    job_execution_id bigint,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
CREATE INDEX photo_import_event_idx ON photo_import (event_id);

CREATE TABLE photo (
    id              bigint PRIMARY KEY,
    event_id        bigint       NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    source_id       bigint       NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    import_id       bigint       REFERENCES photo_import (id) ON DELETE SET NULL,
    source_file_id  text         NOT NULL,
    file_name       varchar(500) NOT NULL,
    content_hash    varchar(64)  NOT NULL,
    status          varchar(20)  NOT NULL CHECK (status IN ('INDEXED', 'FAILED')),
    failure_reason  text,
    taken_at        timestamptz,
    taken_at_offset varchar(6),
    width           integer,
    height          integer,
    camera_make     varchar(100),
    camera_model    varchar(100),
    lens            varchar(200),
    has_gps         boolean      NOT NULL DEFAULT false,
    face_count      integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL,
    UNIQUE (event_id, source_id, source_file_id, content_hash)
);
CREATE INDEX photo_event_taken_idx ON photo (event_id, taken_at, id);

-- One row per detected face. box and landmarks are in photo pixels after EXIF orientation; landmarks hold five
-- (x, y) points as 10 float4 values, embedding the L2-normalised vector as IEEE half floats (1 KiB for 512-d).
CREATE TABLE face (
    id              bigint PRIMARY KEY,
    photo_id        bigint   NOT NULL REFERENCES photo (id) ON DELETE CASCADE,
    event_id        bigint   NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    box_x           real     NOT NULL,
    box_y           real     NOT NULL,
    box_width       real     NOT NULL,
    box_height      real     NOT NULL,
    landmarks       bytea    NOT NULL,
    score           real     NOT NULL,
    searchable      boolean  NOT NULL,
    quality_note    varchar(200),
    embedding       bytea
);
CREATE INDEX face_event_idx ON face (event_id);
CREATE INDEX face_photo_idx ON face (photo_id);
