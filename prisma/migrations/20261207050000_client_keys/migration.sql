-- Client keys issued by operators (libs/credentials, docs/credentials.md): one row per key, for a
-- store (client_id) and optionally one of its devices. Only the key's SHA-256 is kept; the key
-- itself is shown once, when issued. API_KEYS keys are not stored here.
CREATE TABLE "client_keys" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "device_id" TEXT,
    "label" TEXT,
    "key_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "replaced_by" TEXT,

    CONSTRAINT "client_keys_pkey" PRIMARY KEY ("id")
);

-- Every authenticated request that misses the in-memory cache looks its key up by hash.
CREATE UNIQUE INDEX "client_keys_key_hash_key" ON "client_keys"("key_hash");

-- Operators list a store's keys.
CREATE INDEX "client_keys_client_idx" ON "client_keys"("client_id", "created_at");
