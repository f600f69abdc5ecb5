-- PKCE (RFC 7636) for the Drive consent: the verifier of the challenge sent with each authorization (security review,
-- finding 6). Authorizations under way when this runs are at most ten minutes old: they are dropped, and their
-- photographers connect again.
DELETE FROM drive_authorization;
ALTER TABLE drive_authorization ADD COLUMN code_verifier varchar(64) NOT NULL;
