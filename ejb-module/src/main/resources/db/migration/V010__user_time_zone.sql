-- A user's time zone for the portal (docs/portal.md, "Time zones"): an IANA zone id such as America/Chicago.
-- NULL: UTC, the default. The API and CSV exports keep UTC whatever a user chose.
ALTER TABLE app_user ADD COLUMN time_zone VARCHAR(64);
