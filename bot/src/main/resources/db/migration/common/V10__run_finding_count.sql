-- How many findings a run had, as it ended. Counting the findings table is not enough: a diagnostic keeps its
-- findings in its bundle, not here. Runs stored before this version count their stored findings instead.
ALTER TABLE runs ADD COLUMN finding_count INTEGER;
