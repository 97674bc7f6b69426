-- The names PostgreSQL 15 gives unnamed indexes, keys and foreign keys,
-- where they collide and where they are cut to 63 bytes. tests/pg_names.sh
-- runs this file on a PostgreSQL 15 server and compares the names it made
-- with the names fkaudit's replay gives (tests/names_dump.c).
CREATE TABLE t (id bigint PRIMARY KEY, col int, a int, b int, c text);
CREATE INDEX ON t (col);
CREATE INDEX ON t (col);
CREATE INDEX ON t (col) WHERE col > 0;
CREATE INDEX ON t (a, b);
CREATE INDEX ON t (lower(c));
CREATE INDEX ON t ((a + b));
CREATE INDEX ON t (col) INCLUDE (a);
ALTER TABLE t ADD UNIQUE (col);
ALTER TABLE t ADD UNIQUE (col);
ALTER TABLE t ADD UNIQUE (a, b);

-- an explicit name takes the default first
CREATE TABLE d (id bigint PRIMARY KEY, a int, b int);
CREATE INDEX d_a_idx ON d (b);
CREATE INDEX ON d (a);

-- a table's name takes an index's
CREATE TABLE d2_col_idx (id int);
CREATE TABLE d2 (col int);
CREATE INDEX ON d2 (col);
CREATE TABLE d3_pkey (id int);
CREATE TABLE d3 (id int PRIMARY KEY);

-- foreign keys: numbered on the same table, and across tables of the schema
CREATE TABLE u (id bigint PRIMARY KEY);
CREATE TABLE f (id bigint PRIMARY KEY, uid bigint, k bigint);
ALTER TABLE f ADD FOREIGN KEY (uid) REFERENCES u (id);
ALTER TABLE f ADD FOREIGN KEY (uid) REFERENCES u (id);
CREATE TABLE uk (a bigint, b bigint, PRIMARY KEY (a, b));
ALTER TABLE f ADD FOREIGN KEY (uid, k) REFERENCES uk (a, b) NOT VALID;
CREATE TABLE x_y (id bigint PRIMARY KEY, z bigint REFERENCES u (id));
CREATE TABLE x (id bigint PRIMARY KEY, y_z bigint REFERENCES u (id));
CREATE TABLE inline_refs (v bigint REFERENCES u, w bigint REFERENCES u (id));

-- cut to 63 bytes: the longer part loses a byte at a time, the column part
-- on a tie; a numbered suffix is cut again
CREATE TABLE tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (
    id bigint PRIMARY KEY,
    col int UNIQUE,
    cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc int,
    cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccd int
);
CREATE INDEX ON tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc);
CREATE INDEX ON tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc);
CREATE INDEX ON tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccd);
CREATE TABLE tenchars10 (
    id bigint PRIMARY KEY,
    a int,
    cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc bigint REFERENCES u (id),
    cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccd bigint REFERENCES u (id)
);
CREATE INDEX ON tenchars10 (a, cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc);

-- multibyte names are cut at a character
CREATE TABLE тттттттттттттттттттттттттттттт (
    id bigint PRIMARY KEY,
    éééééééééééééééééééééééé int,
    日日日日日日日日日日日日日日日日日日日日 int,
    x int
);
CREATE INDEX ON тттттттттттттттттттттттттттттт (éééééééééééééééééééééééé);
CREATE INDEX ON тттттттттттттттттттттттттттттт (日日日日日日日日日日日日日日日日日日日日);
CREATE INDEX ON тттттттттттттттттттттттттттттт (日日日日日日日日日日日日日日日日日日日日);
CREATE INDEX ON тттттттттттттттттттттттттттттт (x);
