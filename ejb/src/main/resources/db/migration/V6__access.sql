-- Guest access can be taken back. A guest token or gallery pass records the event's access generation when the guest
-- enters the code, and works only while it is still the event's: a new code or closing the gallery raises it.
ALTER TABLE event ADD COLUMN access_generation bigint NOT NULL DEFAULT 0;
