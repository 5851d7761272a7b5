-- Several bot instances on one database. Portable SQL for H2 2.x and PostgreSQL.

-- Which instance started a run: at start an instance marks interrupted only its own runs, and the
-- instance that recovers a dead peer's job marks that peer's run.
ALTER TABLE runs ADD COLUMN instance VARCHAR(100);
CREATE INDEX runs_status_instance ON runs (status, instance);

-- Leadership: the instance named in holder is leader until expires_at, a time of the database's own clock.
CREATE TABLE leader_lease (
  name VARCHAR(64) PRIMARY KEY,
  holder VARCHAR(100) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
