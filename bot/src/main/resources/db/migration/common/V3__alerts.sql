-- Alert state: what people have been told about each (host, check, subject), so that Caretaker talks on
-- state change only and a restart never repeats itself. Portable SQL for H2 2.x and PostgreSQL.
-- A row exists only while something is open: a failing subject, or an announced one not yet resolved.
CREATE TABLE alert_state (
  host VARCHAR(128) NOT NULL,
  check_id VARCHAR(64) NOT NULL,
  subject VARCHAR(512) NOT NULL,
  short_id VARCHAR(8) NOT NULL,
  severity VARCHAR(12) NOT NULL,
  failures INTEGER NOT NULL,
  successes INTEGER NOT NULL,
  announced VARCHAR(12) NOT NULL,
  value_hash VARCHAR(64) NOT NULL,
  message VARCHAR(4000) NOT NULL,
  runbook VARCHAR(200) NOT NULL,
  since TIMESTAMP WITH TIME ZONE NOT NULL,
  acked_until TIMESTAMP WITH TIME ZONE,
  acked_by VARCHAR(200),
  acked_value VARCHAR(64),
  last_notified_at TIMESTAMP WITH TIME ZONE,
  last_run_id BIGINT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (host, check_id, subject)
);
CREATE INDEX alert_state_short_id ON alert_state (short_id);
