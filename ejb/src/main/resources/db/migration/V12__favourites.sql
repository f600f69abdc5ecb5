-- Proofing (issue 16): guests heart photos, and the photographer collects their lists.

-- An event's proofing settings, kept apart from the event row so that the favourites area owns them: the most
-- photos a guest may heart (null: no limit).
CREATE TABLE proofing (
    event_id         bigint  PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,
    selection_limit  integer CHECK (selection_limit BETWEEN 1 AND 10000)
);

-- A guest who gave a name (and maybe an e-mail) in an event's gallery. The photographer may mark them as the client
-- whose list counts; once submitted (submitted_at) their list is locked.
CREATE SEQUENCE favourite_guest_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE favourite_guest (
    id            bigint       PRIMARY KEY,
    event_id      bigint       NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name          varchar(100) NOT NULL,
    email         varchar(254),
    client        boolean      NOT NULL DEFAULT false,
    submitted_at  timestamptz,
    created_at    timestamptz  NOT NULL
);
CREATE INDEX favourite_guest_event_idx ON favourite_guest (event_id);
-- the same name and e-mail again (another device, a new session) is the same guest, with the same list
CREATE UNIQUE INDEX favourite_guest_identity_uq ON favourite_guest (event_id, lower(name), lower(email))
    WHERE email IS NOT NULL;

-- Which gallery sessions (a guest token's or gallery pass's subject) are which guest: one guest may have several.
CREATE TABLE favourite_guest_key (
    guest_key  varchar(120) PRIMARY KEY,
    guest_id   bigint       NOT NULL REFERENCES favourite_guest (id) ON DELETE CASCADE
);
CREATE INDEX favourite_guest_key_guest_idx ON favourite_guest_key (guest_id);

-- A heart: one guest's pick of one photo of the event.
CREATE SEQUENCE favourite_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE favourite (
    id          bigint      PRIMARY KEY,
    guest_id    bigint      NOT NULL REFERENCES favourite_guest (id) ON DELETE CASCADE,
    photo_id    bigint      NOT NULL REFERENCES photo (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    UNIQUE (guest_id, photo_id)
);
CREATE INDEX favourite_photo_idx ON favourite (photo_id);
