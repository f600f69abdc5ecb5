-- Curating an event (issue 16): photos hidden from guests, photos deleted by the photographer, the event's cover and
-- its sets.
--
-- A deleted photo keeps its row as a tombstone (status DELETED) without faces or previews: the next import of the
-- same folder or Drive folder meets the same file and leaves it out instead of bringing it back.
ALTER TABLE photo DROP CONSTRAINT photo_status_check;
ALTER TABLE photo ADD CONSTRAINT photo_status_check CHECK (status IN ('INDEXED', 'FAILED', 'DELETED'));
ALTER TABLE photo ADD COLUMN hidden boolean NOT NULL DEFAULT false;

ALTER TABLE event ADD COLUMN cover_photo_id bigint REFERENCES photo (id) ON DELETE SET NULL;

-- A set: a named group of an event's photos ("Ceremony", "Reception"). One made by an import from a sub-folder keeps
-- that folder's path in folder, so later imports of the folder add to it even after the photographer renamed it.
CREATE SEQUENCE photo_set_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE photo_set (
    id          bigint PRIMARY KEY,
    event_id    bigint       NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name        varchar(100) NOT NULL,
    position    integer      NOT NULL DEFAULT 0,
    folder      text,
    created_at  timestamptz  NOT NULL,
    UNIQUE (event_id, folder)
);
CREATE INDEX photo_set_event_idx ON photo_set (event_id, position, id);

CREATE TABLE photo_set_member (
    set_id    bigint NOT NULL REFERENCES photo_set (id) ON DELETE CASCADE,
    photo_id  bigint NOT NULL REFERENCES photo (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, photo_id)
);
CREATE INDEX photo_set_member_photo_idx ON photo_set_member (photo_id);

-- The studio's brand on the code page, the gallery and the printed card: its name (already there) and an accent
-- colour as #rrggbb, which must keep white text at 4.5:1 (checked by the studios area); null is Glimpse's blue.
ALTER TABLE studio ADD COLUMN accent_color varchar(7);
