-- Guest access can be taken back. A guest token or gallery pass records the event's access generation when the guest
-- enters the code, and works only while it is still the event's: a new code or closing the gallery raises it.
ALTER TABLE event ADD COLUMN access_generation bigint NOT NULL DEFAULT 0;

-- API sign-ins renew their short access tokens with refresh tokens. Only the SHA-256 of each token is stored. Every
-- exchange uses a token up (used_at) and issues the next one of the same family (one sign-in); a used token presented
-- again revokes the family. Sign-out deletes the family, a password change all of the photographer's tokens.
CREATE TABLE refresh_token (
    token_hash       varchar(64)  PRIMARY KEY,
    photographer_id  bigint       NOT NULL REFERENCES photographer (id) ON DELETE CASCADE,
    family           varchar(36)  NOT NULL,
    created_at       timestamptz  NOT NULL,
    expires_at       timestamptz  NOT NULL,
    used_at          timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family);
CREATE INDEX refresh_token_photographer_idx ON refresh_token (photographer_id);
