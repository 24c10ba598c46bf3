-- The operation log, partitioned (docs/operation-log.md): sync_operations becomes a table
-- partitioned by RANGE of `id`, so the primary key stays `id` alone, every lookup by id (the
-- asynchronous claim, job progress, completion) prunes to one partition, and a whole partition can
-- be archived and dropped in one cheap step. A period (OPERATION_LOG_PARTITION, a month by default)
-- is one partition: the operation-log-partitions job creates each ahead, with its own id range
-- [first_id, first_id + 2^40), and when its period starts moves the id sequence forward to it.
--
-- The existing log is converted in place, whatever its columns (this and other migrations add
-- some): the table is renamed and attached as the first partition, ids from MINVALUE up to 2^40,
-- with its rows, storage (fillfactor 50), indexes and triggers. Attaching scans it once to check
-- the bound (an exclusive lock on the old table while it runs: a sequential read, no rewrite).
-- Each index and trigger is re-created on the parent from its own definition: an index already on
-- the partition is attached, not built again; a trigger is cloned to every partition.

-- The partitions the log has had, in id order; `retired_at`: archived and dropped (retention).
CREATE TABLE "sync_operation_partitions" (
    "name" TEXT NOT NULL,
    "first_id" BIGINT NOT NULL,
    "end_id" BIGINT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),
    CONSTRAINT "sync_operation_partitions_pkey" PRIMARY KEY ("name"),
    CONSTRAINT "sync_operation_partitions_first_id_key" UNIQUE ("first_id")
);

DO $$
DECLARE
  r record;
  seq text := pg_get_serial_sequence('sync_operations', 'id');
BEGIN
  -- Free the names of the old table's indexes and constraints for the parent.
  FOR r IN SELECT c.conname FROM pg_constraint c
           WHERE c.conrelid = 'sync_operations'::regclass AND c.contype IN ('p', 'u', 'x') LOOP
    EXECUTE format('ALTER TABLE sync_operations RENAME CONSTRAINT %I TO %I', r.conname, left(r.conname, 57) || '_p0');
  END LOOP;
  FOR r IN SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           WHERE x.indrelid = 'sync_operations'::regclass
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', r.relname, left(r.relname, 57) || '_p0');
  END LOOP;
  ALTER TABLE sync_operations RENAME TO sync_operations_p0;

  CREATE TABLE sync_operations (LIKE sync_operations_p0 INCLUDING DEFAULTS INCLUDING CONSTRAINTS
    INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING GENERATED INCLUDING COMMENTS) PARTITION BY RANGE (id);
  -- The id sequence belongs to the log, not to its first partition (dropping it must not drop the sequence).
  EXECUTE format('ALTER SEQUENCE %s OWNED BY sync_operations.id', seq);
  ALTER TABLE sync_operations ATTACH PARTITION sync_operations_p0 FOR VALUES FROM (MINVALUE) TO (1099511627776);

  -- Constraints and indexes on the parent, matched to (attached from) the partition's own.
  FOR r IN SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
           WHERE c.conrelid = 'sync_operations_p0'::regclass AND c.contype IN ('p', 'u', 'x') LOOP
    EXECUTE format('ALTER TABLE sync_operations ADD CONSTRAINT %I %s', left(r.conname, length(r.conname) - 3), r.def);
  END LOOP;
  FOR r IN SELECT i.relname, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           WHERE x.indrelid = 'sync_operations_p0'::regclass
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) LOOP
    EXECUTE regexp_replace(r.def, ' INDEX \S+ ON (ONLY )?(\S+\.)?sync_operations_p0 ',
                           format(' INDEX %I ON sync_operations ', left(r.relname, length(r.relname) - 3)));
  END LOOP;

  -- Row triggers move to the parent (cloned to every partition, present and future).
  FOR r IN SELECT t.tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
           WHERE t.tgrelid = 'sync_operations_p0'::regclass AND NOT t.tgisinternal LOOP
    EXECUTE format('DROP TRIGGER %I ON sync_operations_p0', r.tgname);
    EXECUTE regexp_replace(r.def, ' ON (\S+\.)?sync_operations_p0 ', ' ON sync_operations ');
  END LOOP;

  INSERT INTO sync_operation_partitions (name, first_id, end_id, starts_at)
  SELECT 'sync_operations_p0', 0, 1099511627776, coalesce(min(created_at), CURRENT_TIMESTAMP) FROM sync_operations_p0;
END $$;
