-- Selfie search keeps an in-memory view of each event's faces on every node. A node brings its view up to date
-- by asking the database two numbers per event:
--   face_seq         how many faces the event has ever been given; each new face takes the next number (face.seq)
--                    while its transaction holds the event's row lock, so numbers become visible in commit order
--                    and "every face with seq <= event.face_seq" is exactly what is committed;
--   face_generation  raised whenever faces are deleted or stop being searchable, so views rebuild instead of
--                    appending.
-- Both are kept by triggers, so no code path (another node, a cascade, a manual fix) can forget them.
ALTER TABLE event ADD COLUMN face_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN face_generation bigint NOT NULL DEFAULT 0;
ALTER TABLE face ADD COLUMN seq bigint;

UPDATE face f SET seq = numbered.n
  FROM (SELECT id, row_number() OVER (PARTITION BY event_id ORDER BY id) AS n FROM face) numbered
 WHERE numbered.id = f.id;
UPDATE event e SET face_seq = COALESCE((SELECT max(seq) FROM face WHERE event_id = e.id), 0);
ALTER TABLE face ALTER COLUMN seq SET NOT NULL;
CREATE INDEX face_event_seq_idx ON face (event_id, seq);

CREATE FUNCTION face_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event SET face_seq = face_seq + 1 WHERE id = NEW.event_id RETURNING face_seq INTO NEW.seq;
  RETURN NEW;
END $$;
CREATE TRIGGER face_number BEFORE INSERT ON face FOR EACH ROW EXECUTE FUNCTION face_number();

CREATE FUNCTION face_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event SET face_generation = face_generation + 1
   WHERE id IN (SELECT DISTINCT event_id FROM old_faces);
  RETURN NULL;
END $$;
CREATE TRIGGER face_deleted AFTER DELETE ON face
  REFERENCING OLD TABLE AS old_faces FOR EACH STATEMENT EXECUTE FUNCTION face_removed();

CREATE FUNCTION face_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event SET face_generation = face_generation + 1
   WHERE id IN (SELECT DISTINCT o.event_id FROM old_faces o JOIN new_faces n ON n.id = o.id
                 WHERE o.searchable IS DISTINCT FROM n.searchable
                    OR o.embedding IS DISTINCT FROM n.embedding);
  RETURN NULL;
END $$;
CREATE TRIGGER face_changed AFTER UPDATE ON face
  REFERENCING OLD TABLE AS old_faces NEW TABLE AS new_faces FOR EACH STATEMENT EXECUTE FUNCTION face_changed();

-- People: the faces of an event grouped by who they show. Clustering proposes; the photographer corrects. A face a
-- photographer placed (merge, move) is pinned to its person and stays there when the event is clustered again;
-- names and hidden flags stay with the person that keeps most of its faces.
CREATE SEQUENCE person_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE person (
    id          bigint PRIMARY KEY,
    event_id    bigint       NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name        varchar(200),
    hidden      boolean      NOT NULL DEFAULT false,
    face_count  integer      NOT NULL DEFAULT 0,
    photo_count integer      NOT NULL DEFAULT 0,
    cover_face_id bigint,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX person_event_idx ON person (event_id);
ALTER TABLE face ADD COLUMN person_id bigint REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE face ADD COLUMN person_pinned boolean NOT NULL DEFAULT false;
CREATE INDEX face_person_idx ON face (person_id);

-- Guests may browse the people of an event only when the photographer allows it.
ALTER TABLE event ADD COLUMN people_visible boolean NOT NULL DEFAULT false;
-- How far clustering has got: faces with seq above it are not yet placed in a person.
ALTER TABLE event ADD COLUMN people_seq bigint NOT NULL DEFAULT 0;
