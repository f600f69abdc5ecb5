-- The import job lists a source while its files are being indexed; an import completes only when the listing is
-- done and every listed file is indexed or failed. Counting an import's photos must be cheap.
ALTER TABLE photo_import ADD COLUMN listed boolean NOT NULL DEFAULT false;
CREATE INDEX photo_import_idx ON photo (import_id);
