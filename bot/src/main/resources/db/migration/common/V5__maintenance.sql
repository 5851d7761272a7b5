-- Maintenance state: SnapRAID syncs held back until an admin approves. Portable SQL for H2 2.x and PostgreSQL.

-- One row per host whose sync is blocked; the approval covers only the diff with this fingerprint.
CREATE TABLE snapraid_sync_block (
  host VARCHAR(200) PRIMARY KEY,
  fingerprint VARCHAR(64) NOT NULL,
  code VARCHAR(20) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  blocked_at TIMESTAMP WITH TIME ZONE NOT NULL,
  approved_by VARCHAR(200),
  approved_until TIMESTAMP WITH TIME ZONE
);
CREATE INDEX snapraid_sync_block_code ON snapraid_sync_block (code);
