-- Every password change raises the account's credentials generation; a portal session remembers the generation it
-- signed in at, and a session of an older one is signed out at its next request (security review, finding 10).
ALTER TABLE photographer ADD COLUMN credentials_generation bigint NOT NULL DEFAULT 0;
