-- Case: a DO block whose EXECUTE runs a plain SQL literal, inside a loop and an exception block: the literal's SQL is audited at its own line and column. An EXECUTE of a computed string (format, ||) is not read.
-- Expect: FK006 fires for orders_c_idx (line 7) and orders_e_idx (line 10); nothing for the computed ones.
DO $$
BEGIN
  FOR i IN 1..1 LOOP
    BEGIN
      EXECUTE 'CREATE INDEX orders_c_idx ON orders (c)';
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    EXECUTE 'CREATE INDEX orders_e_idx ON orders (e)';
    EXECUTE format('CREATE INDEX %I ON orders (d)', 'orders_d_idx');
    EXECUTE 'CREATE INDEX orders_f' || i || ' ON orders (f)';
  END LOOP;
END
$$;
