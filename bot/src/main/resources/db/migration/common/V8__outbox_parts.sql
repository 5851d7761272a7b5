-- Delivery per part, and dead letters. Portable SQL for H2 2.x and PostgreSQL.

-- How many parts of a message (its text messages, then its files) the platform has accepted: a retry
-- resumes at the first part not yet accepted, so no part arrives twice.
ALTER TABLE outbox ADD COLUMN parts_done INTEGER DEFAULT 0 NOT NULL;

-- Set when the platform refused the message for good (a 400, 403 or 404): it is never tried again and no
-- longer holds back the later messages of its channel. last_error keeps the platform's description.
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMP WITH TIME ZONE;

-- A diagnostic bundle answered through the outbox is many megabytes (16.8 MB for eight restart-looping
-- containers); a VARCHAR(1000000) refused it. TEXT is a character large object on H2 and unbounded on PostgreSQL.
ALTER TABLE outbox ALTER COLUMN payload SET DATA TYPE TEXT;
