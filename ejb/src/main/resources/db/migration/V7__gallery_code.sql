-- The studio can show a gallery's code again: besides its hash (which guests' codes are checked against), the code is
-- kept encrypted with the data directory's key, as the Drive refresh tokens are (AES-256-GCM, bound to the event).
-- Closing a gallery forgets both and records when, so that guests and the studio are told it closed, and since when.
ALTER TABLE event ADD COLUMN access_code_sealed varchar(512);
ALTER TABLE event ADD COLUMN access_closed_at timestamptz;
