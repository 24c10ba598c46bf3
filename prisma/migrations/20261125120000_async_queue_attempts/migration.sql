-- A queue entry whose batch keeps failing (not a record the database refuses, which becomes ERROR
-- alone, but an error that rolls the whole batch back every time) counts its attempts and keeps
-- the last error for operators; after ASYNC_MAX_ATTEMPTS its operations become ERROR and it leaves
-- the queue, instead of holding the queue's head forever.
ALTER TABLE "sync_queue" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "sync_queue" ADD COLUMN "last_error" TEXT;
