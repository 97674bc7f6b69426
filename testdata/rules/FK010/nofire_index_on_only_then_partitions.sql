-- Case: the recipe for indexes: ON ONLY the parent, CONCURRENTLY on the partition, then ATTACH.
-- Expect: FK010 does not fire.
CREATE TABLE measurements (sensor_id bigint NOT NULL, taken_at timestamptz NOT NULL)
    PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE INDEX measurements_sensor_id_idx ON ONLY measurements (sensor_id);
CREATE INDEX CONCURRENTLY measurements_2024_sensor_id_idx ON measurements_2024 (sensor_id);
ALTER INDEX measurements_sensor_id_idx ATTACH PARTITION measurements_2024_sensor_id_idx;
