-- Google Drive as an import source.

-- A photographer's connected Google account. The refresh token is encrypted with AES-256-GCM (key in the data
-- directory or GLIMPSE_DRIVE_TOKEN_KEY): base64 of IV + ciphertext + tag, bound to the photographer's id.
CREATE TABLE drive_account (
    photographer_id  bigint       PRIMARY KEY REFERENCES photographer (id) ON DELETE CASCADE,
    email            varchar(320),
    refresh_token    text         NOT NULL,
    connected_at     timestamptz  NOT NULL
);

-- OAuth authorizations under way: the state sent to Google names the photographer who asked; used once, briefly.
CREATE TABLE drive_authorization (
    state            varchar(64)  PRIMARY KEY,
    photographer_id  bigint       NOT NULL REFERENCES photographer (id) ON DELETE CASCADE,
    redirect_uri     text         NOT NULL,
    expires_at       timestamptz  NOT NULL
);

-- Whose Drive an import reads, and whether it descends into sub-folders.
ALTER TABLE photo_import ADD COLUMN requested_by bigint REFERENCES photographer (id) ON DELETE SET NULL;
ALTER TABLE photo_import ADD COLUMN include_subfolders boolean NOT NULL DEFAULT false;

-- The content version the source announced for a photo's file (Drive's md5Checksum or modifiedTime), so that a
-- new import of a Drive folder of the event lists only new or changed files. Null for server folders and for files
-- that could not be read (they are tried again).
ALTER TABLE photo ADD COLUMN source_version varchar(100);
CREATE INDEX photo_event_file_idx ON photo (event_id, source_file_id);
