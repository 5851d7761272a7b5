-- When an ack was given, and when and whose ack the value's change re-armed, so that /status, the site and the
-- snapshot can show acknowledged findings apart, with who, when and until.
ALTER TABLE alert_state ADD COLUMN acked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_state ADD COLUMN rearmed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_state ADD COLUMN rearmed_by VARCHAR(200);
