-- Case: CREATE INDEX CONCURRENTLY on a partitioned parent.
-- Expect: FK010 fires: PostgreSQL refuses it.
CREATE TABLE measurements (
    sensor_id bigint NOT NULL,
    taken_at timestamptz NOT NULL,
    value double precision
) PARTITION BY RANGE (taken_at);

CREATE INDEX CONCURRENTLY measurements_sensor_id_idx ON measurements (sensor_id);
