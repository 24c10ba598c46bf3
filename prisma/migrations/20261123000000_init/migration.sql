-- CreateEnum
CREATE TYPE "OperationType" AS ENUM ('CREATE', 'UPDATE', 'DELETE');

-- CreateEnum
CREATE TYPE "OperationStatus" AS ENUM ('QUEUED', 'PROCESSING', 'COMPLETED', 'ERROR');

-- CreateTable
CREATE TABLE "sync_operations" (
    "id" BIGSERIAL NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "batch_version" INTEGER NOT NULL DEFAULT 1,
    "queue_id" TEXT,
    "operation" "OperationType" NOT NULL,
    "status" "OperationStatus" NOT NULL,
    "note" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "venta" (
    "_hash_id" TEXT NOT NULL,
    "_client_id" TEXT NOT NULL,
    "_ver" INTEGER NOT NULL DEFAULT 1,
    "data" JSONB NOT NULL DEFAULT '{}',
    "_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "venta_pkey" PRIMARY KEY ("_client_id","_hash_id")
);

-- CreateTable
CREATE TABLE "devolucion" (
    "_hash_id" TEXT NOT NULL,
    "_client_id" TEXT NOT NULL,
    "_ver" INTEGER NOT NULL DEFAULT 1,
    "data" JSONB NOT NULL DEFAULT '{}',
    "_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "devolucion_pkey" PRIMARY KEY ("_client_id","_hash_id")
);

-- CreateTable
CREATE TABLE "sync_outbox" (
    "id" BIGSERIAL NOT NULL,
    "operation_id" BIGINT NOT NULL,
    "table_name" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "action" "OperationType" NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),

    CONSTRAINT "sync_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_failures" (
    "id" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "payload" TEXT,
    "retry_count" INTEGER NOT NULL DEFAULT 0,
    "last_retry_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "client_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "operation_id" BIGINT,
    "next_retry_at" TIMESTAMP(3),

    CONSTRAINT "sync_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_operations_lookup_idx" ON "sync_operations"("client_id", "table_name", "record_id", "batch_version");

-- CreateIndex
CREATE INDEX "sync_operations_status_updated_idx" ON "sync_operations"("status", "updated_at");

-- CreateIndex
CREATE INDEX "venta_client_created_idx" ON "venta"("_client_id", "_created_at" DESC);

-- CreateIndex
CREATE INDEX "devolucion_client_created_idx" ON "devolucion"("_client_id", "_created_at" DESC);

-- CreateIndex
CREATE INDEX "sync_failures_entity_type_entity_id_idx" ON "sync_failures"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "sync_failures_retry_count_created_at_idx" ON "sync_failures"("retry_count", "created_at");

-- CreateIndex
CREATE INDEX "sync_failures_next_retry_at_idx" ON "sync_failures"("next_retry_at");
