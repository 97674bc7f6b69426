-- Case: a file-wide ignore for FK006 in a file whose CREATE INDEX has an FK006 finding.
-- Expect: FK014 does not fire (FK006 is suppressed).
-- fkaudit:ignore-file FK006 feature_flags has a dozen rows
CREATE INDEX feature_flags_name_idx ON feature_flags (name);
