-- Issue 16, protect and deliver: what guests may download from an event and the watermark drawn into what they see,
-- and the studio's logo (a PNG, also the brand's). An event without a row delivers originals and shows no watermark,
-- as before this migration.
CREATE TABLE event_delivery (
    event_id             bigint       PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,
    downloads            varchar(10)  NOT NULL CHECK (downloads IN ('ORIGINAL', 'WEB', 'NONE')),
    watermark_text       varchar(100),
    watermark_logo       boolean      NOT NULL DEFAULT false,
    watermark_position   varchar(20)  CHECK (watermark_position IN
                                         ('CENTER', 'TOP_LEFT', 'TOP_RIGHT', 'BOTTOM_LEFT', 'BOTTOM_RIGHT')),
    watermark_size       integer      CHECK (watermark_size BETWEEN 5 AND 100),
    watermark_opacity    integer      CHECK (watermark_opacity BETWEEN 5 AND 100),
    watermark_downloads  boolean      NOT NULL DEFAULT false,
    -- PBKDF2 of the download PIN; the PIN itself is never stored
    download_pin_hash    varchar(400),
    -- raised whenever what guests see changes; guests are served only images of this generation
    watermark_generation bigint       NOT NULL DEFAULT 0,
    -- the generation whose images the background render has finished
    rendered_generation  bigint       NOT NULL DEFAULT 0,
    changed_at           timestamptz  NOT NULL,
    CHECK (watermark_text IS NULL OR NOT watermark_logo),
    CHECK ((watermark_text IS NULL AND NOT watermark_logo) = (watermark_position IS NULL))
);

CREATE TABLE studio_logo (
    studio_id   bigint       PRIMARY KEY REFERENCES studio (id) ON DELETE CASCADE,
    png         bytea        NOT NULL,
    width       integer      NOT NULL CHECK (width > 0),
    height      integer      NOT NULL CHECK (height > 0),
    uploaded_at timestamptz  NOT NULL
);
