-- Per job (client and id_cola), what retention retired of it (docs/operation-log.md, "Job
-- operations"): when retention drops a partition of the log, it drops the job operations'
-- partition of the same range with it, first adding the operations those job rows listed to their
-- job's `archived` count here, so GET /jobs/:id_cola keeps counting them. Only jobs retention
-- touched have a row: empty until it first runs.
CREATE TABLE "sync_job_heads" (
    "client_id" TEXT NOT NULL,
    "queue_id" TEXT NOT NULL,
    "archived" INTEGER NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "last_change_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_job_heads_pkey" PRIMARY KEY ("client_id", "queue_id")
);
