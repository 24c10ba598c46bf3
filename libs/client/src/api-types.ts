// Generated from the server's OpenAPI document (/docs-json) by `npm run client:types`.
// Do not edit: test/client/openapi-types.e2e-spec.ts fails when this file and the server disagree.
export interface paths {
    "/admin/tables/{table}/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Up to 1,000 mixed CREATE/UPDATE/DELETE operations on a shared table (head office)
         * @description The rows belong to no store (client id `*shared*`) and reach every store through GET /tables/{table}/changes. Same entries and answers as a store's batch, `base_ver` included.
         */
        post: operations["sharedBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tables/{table}/restore-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-creates a COMPLETED operation from each of a client's rows that has no history
         * @description For every live row with no operation at its version (what GET /monitoring/missing-operations counts): one COMPLETED CREATE (version 1) or UPDATE, noted "History restored from the row by an admin". Idempotent.
         */
        post: operations["restoreHistory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/client-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Keys, newest first (never the keys themselves); active ones unless include_inactive */
        get: operations["ClientKeysController_list"];
        put?: never;
        /**
         * Issue a key for a store, or for one of its devices
         * @description The answer is the only time the key is shown: only its SHA-256 is stored.
         */
        post: operations["ClientKeysController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/client-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One key (never the key itself) */
        get: operations["ClientKeysController_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/client-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a key now (revoking twice keeps the first time)
         * @description Refused at once by this instance, within moments by every other (NOTIFY; CLIENT_KEY_CACHE_TTL at most).
         */
        post: operations["ClientKeysController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/client-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a key: a new key for the same store and device, the old one working for a grace period
         * @description The grace period is grace_seconds, CLIENT_KEY_ROTATE_GRACE (24 h) by default; the old key then expires. The new key is shown this once.
         */
        post: operations["ClientKeysController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: 200 only when the database answers */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * CREATE a record in DEFAULT_TABLE
         * @description Resending is safe: a record that already exists is left untouched and logged COMPLETED with note "Duplicate bypassed".
         */
        post: operations["createItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * UPDATE a record in DEFAULT_TABLE
         * @description Creates the record if it does not exist (noted). Ignored, with note "Stale version ignored", when `ver` is older than the stored `_ver`.
         */
        put: operations["updateItem"];
        post?: never;
        /**
         * DELETE a record in DEFAULT_TABLE
         * @description A record that does not exist is logged COMPLETED with note "Already deleted".
         */
        delete: operations["deleteItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A record's operation history (audit trail) in DEFAULT_TABLE, oldest first */
        get: operations["itemHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobs/{id_cola}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress of one of the client's queue jobs (id_cola): counts by state, the errors, when it finished
         * @description Counts every operation this client logged with the id_cola, synchronous or asynchronous, in every table.
         */
        get: operations["jobProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/legacy/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a batch of records as one job (the original protocol: JSON or NDJSON)
         * @description JSON: `{"operation","records","table_name","client_id","field_id","ver"}`. NDJSON (`Content-Type: text/plain`): one record per line, the other parameters in the query string. Each record holds its fields and `__meta` with its id under the field_id key. The batch becomes one job (`id_cola`) of the asynchronous pipeline; ask POST /records for each record's outcome. At most LEGACY_RATE_LIMIT (20) batches per client per LEGACY_RATE_WINDOW (1 minute): 429 RATE_LIMIT_EXCEEDED with Retry-After beyond that.
         */
        post: operations["legacyQueueBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/legacy/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What became of each record (the original protocol: NDJSON body, parameters in the query string)
         * @description One `{"<field_id>": "<id>", "id_cola": "<job id>"}` per line (`Content-Type: text/plain`), up to 1,000. Answers one status per line in order, each keyed by the field_id name. The decision tree is the one of POST /records.
         */
        post: operations["legacyRecordStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text format); bearer METRICS_TOKEN or the admin token */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/monitoring/lost-rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Records whose last applied CREATE/UPDATE is COMPLETED but whose row is gone, per table and client
         * @description The mirror of missing operations: a DBA, a bad restore or a clean-up removed rows the log says exist. Status answers these ERROR, so the client resends and the row comes back. Deleted records (tombstones) are not lost. Levels: 0-10 normal, 11-100 warning, over 100 critical.
         */
        get: operations["lostRows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/monitoring/missing-operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rows with no operation for their current version, per table and client
         * @description Levels: 0-10 normal, 11-100 warning, over 100 critical. A missing history heals when the client resends (see README).
         */
        get: operations["missingOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What became of a record (or of up to 1,000) in DEFAULT_TABLE
         * @description Operation found: its status. No operation but the row exists: ERROR, resend the record to recreate its history. Neither: NOT_FOUND.
         */
        post: operations["recordStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rxdb/{table}/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * RxDB pull handler: the table's documents changed after a checkpoint, in feed order
         * @description See docs/watermelondb-rxdb.md.
         */
        post: operations["rxdbPull"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rxdb/{table}/push": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * RxDB push handler: applies the rows whose assumed master state is the server's, answers the conflicts
         * @description Answers the server's current document for every conflicting row (an empty array when none). Every row applied or refused is logged. See docs/watermelondb-rxdb.md.
         */
        post: operations["rxdbPush"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync failures, newest first, filtered and paginated */
        get: operations["SyncFailuresController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync failure */
        get: operations["SyncFailuresController_find"];
        put?: never;
        post?: never;
        /** Discard a failure: it is never delivered (logged) */
        delete: operations["SyncFailuresController_discard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry one failure now and answer the outcome
         * @description Sends the current row (or a DELETE if it is gone), whatever the failure’s state.
         */
        post: operations["SyncFailuresController_retryOne"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The three alert rules with their values and thresholds */
        get: operations["SyncFailuresController_alerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/critical": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Failures waiting for manual intervention (maximum retries reached or refused), newest first */
        get: operations["SyncFailuresController_critical"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make every failure matching the filter due now (all when the filter is empty)
         * @description Includes failures waiting for manual intervention. retry_count is kept; a failure at the maximum gets one more attempt. The retry job sends them on its next run.
         */
        post: operations["SyncFailuresController_retryMatching"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync-failures/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Failures of the last 24 hours per entity type and action: total, average and maximum retries */
        get: operations["SyncFailuresController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The synced tables: which to pull, which are shared (read-only for stores), and their conflict policy
         * @description A client pulls the feed of each (GET /tables/{table}/changes). See docs/multi-device.md.
         */
        get: operations["listTables"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Up to 1,000 mixed CREATE/UPDATE/DELETE operations in one request
         * @description One result per entry, in order. Applied with one set-based statement in the common case.
         */
        post: operations["batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The change feed: the key's records changed after a cursor, at their current state
         * @description Pull until `has_more` is false, storing each page and its `next` cursor together. A pull never skips a change: changes of transactions still running appear in a later pull. Deletions travel as `deleted: true`. See docs/multi-device.md.
         */
        get: operations["pullChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * CREATE a record in a synced table
         * @description Resending is safe: a record that already exists is left untouched and logged COMPLETED with note "Duplicate bypassed".
         */
        post: operations["createTableItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * UPDATE a record in a synced table
         * @description Creates the record if it does not exist (noted). Ignored, with note "Stale version ignored", when `ver` is older than the stored `_ver`.
         */
        put: operations["updateTableItem"];
        post?: never;
        /**
         * DELETE a record in a synced table
         * @description A record that does not exist is logged COMPLETED with note "Already deleted".
         */
        delete: operations["deleteTableItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/items/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A record's operation history (audit trail) in a synced table, oldest first */
        get: operations["tableItemHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tables/{table}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What became of a record (or of up to 1,000) in a synced table
         * @description Operation found: its status. No operation but the row exists: ERROR, resend the record to recreate its history. Neither: NOT_FOUND.
         */
        post: operations["tableRecordStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/watermelon/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WatermelonDB pullChanges: the key's records (and the shared tables') written since last_pulled_at
         * @description See docs/watermelondb-rxdb.md. Sync with `sendCreatedAsUpdated: true`.
         */
        get: operations["watermelonPull"];
        put?: never;
        /**
         * WatermelonDB pushChanges: the whole local change set, applied in one transaction
         * @description Versions are assigned by the server; every change is logged in the operation log. The body may be up to WATERMELON_BODY_LIMIT_BYTES (default 32 MiB). See docs/watermelondb-rxdb.md.
         */
        post: operations["watermelonPush"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptedJobDto: {
            /**
             * @description How many entries are ERROR
             * @example 1
             */
            failed: number;
            /**
             * @description The job id: the records' id_cola, or made up when they gave none. Progress: GET /jobs/{id_cola}
             * @example job123
             */
            id_cola: string;
            /**
             * @description How many entries are QUEUED
             * @example 999
             */
            queued: number;
            /** @description One entry per record, in request order */
            results: components["schemas"]["AcceptedResultDto"][];
            /**
             * @description Always "accepted" on 202
             * @example accepted
             */
            status: string;
        };
        AcceptedResultDto: {
            /**
             * @description Why the entry failed
             * @example ver must be an integer from 1 to 2147483647
             */
            error?: string;
            /**
             * @description The record id, when the entry had a usable one
             * @example abc123
             */
            id: string | null;
            /**
             * @description Position of the entry in the request
             * @example 0
             */
            index: number;
            /**
             * @description The operation, when the entry had a valid one
             * @example CREATE
             */
            operation: string | null;
            /**
             * @description Id of the operation in the log
             * @example 42
             */
            operation_id?: string;
            /**
             * @description QUEUED (logged, a worker applies it; status answers PROCESSING until then) or ERROR (invalid, nothing queued)
             * @example QUEUED
             * @enum {string}
             */
            status: "QUEUED" | "ERROR";
        };
        AcceptedSingleDto: {
            /**
             * @description The record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description The job id (the id_cola sent, or made up); null only for a synchronous write queued behind the record's waiting operations without an id_cola
             * @example job123
             */
            id_cola: string | null;
            /**
             * @description The operation queued
             * @example CREATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description Id of the operation in the log (also the Idempotency-Key sent to the external system)
             * @example 42
             */
            operation_id: string;
            /**
             * @description Always "accepted" on 202: the operation is durably logged QUEUED
             * @example accepted
             */
            status: string;
        };
        AlertRuleDto: {
            /**
             * @description What the rule measures
             * @example Failed deliveries (first attempts and retries) in the last hour
             */
            description: string;
            /**
             * @description value > threshold
             * @example false
             */
            firing: boolean;
            /**
             * @description The rule fires when value is above this (configurable)
             * @example 10
             */
            threshold: number;
            /**
             * @description The measured value
             * @example 4
             */
            value: number;
        };
        ArchivedHistoryDto: {
            /**
             * @description Its batch version
             * @example 3
             */
            batch_version: number;
            /**
             * @description When it was logged
             * @example 2025-11-24T23:50:00.000Z
             */
            created_at: string;
            /**
             * @description Its operation
             * @example UPDATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description Id the newest retired operation had in the log
             * @example 42
             */
            operation_id: string;
            /**
             * @description Its status
             * @example COMPLETED
             * @enum {string}
             */
            status: "COMPLETED" | "ERROR";
        };
        BatchRequestDto: {
            /**
             * @description 1 to 1000 operations, applied in order. A bad entry gets its own ERROR result and does not fail the others.
             * @example [
             *       {
             *         "operation": "CREATE",
             *         "record": {
             *           "id": "abc123",
             *           "ver": 1,
             *           "id_cola": "job1",
             *           "total": 10
             *         }
             *       },
             *       {
             *         "operation": "UPDATE",
             *         "record": {
             *           "id": "def456",
             *           "ver": 2,
             *           "total": 12
             *         }
             *       },
             *       {
             *         "operation": "DELETE",
             *         "record": {
             *           "id": "ghi789",
             *           "ver": 3
             *         }
             *       }
             *     ]
             */
            operations: {
                /**
                 * @description What to do with the record
                 * @example CREATE
                 * @enum {string}
                 */
                operation: "CREATE" | "UPDATE" | "DELETE";
                /**
                 * @description Every other field is the record's own data, stored and given back exactly as sent: any JSON except the reserved names _hash_id, _client_id, _ver, _created_at, _updated_at, the NUL character (U+0000) or a lone UTF-16 surrogate (a \ud800-\udfff escape outside a pair) anywhere, and nesting deeper than 64 levels.
                 * @example {
                 *       "id": "abc123",
                 *       "ver": 1,
                 *       "id_cola": "job123",
                 *       "name": "John",
                 *       "total": 125.5,
                 *       "items": [
                 *         {
                 *           "sku": "A-100",
                 *           "qty": 2
                 *         }
                 *       ]
                 *     }
                 */
                record: {
                    /**
                     * @description The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md
                     * @example 1
                     */
                    base_ver?: number;
                    /**
                     * @description The record's id, stored as `_hash_id` (no control characters)
                     * @example abc123
                     */
                    id: string;
                    /**
                     * @description The client's queue job id; status queries can ask for it (no control characters)
                     * @example job123
                     */
                    id_cola?: string;
                    /**
                     * @description Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.
                     * @example 1
                     */
                    ver?: number;
                } & {
                    [key: string]: unknown;
                };
            }[];
        };
        BatchResponseDto: {
            /**
             * @description How many entries are COMPLETED
             * @example 2
             */
            completed: number;
            /**
             * @description How many entries are CONFLICT (sent with `base_ver`; present only when not 0)
             * @example 1
             */
            conflicts?: number;
            /**
             * @description How many entries are ERROR
             * @example 1
             */
            failed: number;
            /**
             * @description How many entries are QUEUED: their record had operations waiting in the asynchronous queue, so they joined it behind them (present only when not 0)
             * @example 1
             */
            queued?: number;
            /** @description One result per entry, in request order */
            results: components["schemas"]["BatchResultDto"][];
        };
        BatchResultDto: {
            /** @description CONFLICT (sent with `base_ver`, the record is at another version; nothing applied): what the server holds */
            conflict?: components["schemas"]["ConflictDetailDto"];
            /**
             * @description An entry sent with `base_ver` and COMPLETED: the fields the record now has (null: deleted)
             * @example {
             *       "qty": 7
             *     }
             */
            data?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Why the entry failed
             * @example ver must be an integer from 1 to 2147483647
             */
            error?: string;
            /**
             * @description The record id, when the entry had a usable one
             * @example abc123
             */
            id: string | null;
            /**
             * @description Position of the entry in the request
             * @example 0
             */
            index: number;
            /**
             * @description Why nothing changed, when nothing did
             * @example Duplicate bypassed
             */
            note?: string;
            /**
             * @description The operation, when the entry had a valid one
             * @example CREATE
             */
            operation: string | null;
            /**
             * @description Id of the operation in the log, when one was written
             * @example 42
             */
            operation_id?: string;
            /**
             * @description COMPLETED (logged and applied, or a bypass with a note), ERROR, QUEUED (the record had operations waiting in the asynchronous queue: this one joined it behind them), or CONFLICT (sent with `base_ver`, the record is at another version: nothing applied)
             * @example COMPLETED
             * @enum {string}
             */
            status: "COMPLETED" | "ERROR" | "QUEUED" | "CONFLICT";
            /**
             * @description An entry sent with `base_ver` and COMPLETED: the version the record now has
             * @example 3
             */
            ver?: number;
        };
        ChangeDto: {
            /**
             * @description The record's current fields; null when it is deleted
             * @example {
             *       "total": 125.5
             *     }
             */
            data: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The record was deleted (a tombstone): remove it locally
             * @example false
             */
            deleted: boolean;
            /**
             * @description The record id (`_hash_id`)
             * @example abc123
             */
            id: string;
            /**
             * @description When its current state was written
             * @example 2026-12-07T10:15:00.000Z
             */
            updated_at: string;
            /**
             * @description The record's current version (`_ver`); for a deletion, the version it was deleted at
             * @example 3
             */
            ver: number;
        };
        ChangesPageDto: {
            /** @description Every record whose state changed after `since`, at its current state, in feed order (each at most once) */
            changes: components["schemas"]["ChangeDto"][];
            /**
             * @description More changes are waiting now: pull again at once with `next`
             * @example false
             */
            has_more: boolean;
            /**
             * @description The cursor to send as `since` next time (opaque; keep it once the page is stored locally)
             * @example v1.743.
             */
            next: string;
        };
        ClientKeyDto: {
            /**
             * @description The store (client id) the key acts for
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description When it was issued
             * @example 2026-12-07T10:00:00.000Z
             */
            created_at: string;
            /**
             * @description The device it is bound to; null for a store's key
             * @example till-2
             */
            device_id: string | null;
            /**
             * @description When it stops working (a rotated key: the end of its grace period); null: never
             * @example 2027-03-07T10:00:00.000Z
             */
            expires_at: string | null;
            /**
             * @description Key id (admin routes take it)
             * @example k3x9q2m7a1b4
             */
            id: string;
            /**
             * @description A note for operators
             * @example Monterrey till 2
             */
            label: string | null;
            /**
             * @description When it last authenticated a request (recorded in batches: up to CLIENT_KEY_LAST_USED_FLUSH late)
             * @example 2026-12-07T10:05:00.000Z
             */
            last_used_at: string | null;
            /**
             * @description How the key starts: enough to recognise it, never enough to use it
             * @example rsk_k3x9q2m7a1b4_
             */
            prefix: string;
            /**
             * @description The key that replaced it, when rotated
             * @example null
             */
            replaced_by: string | null;
            /**
             * @description When it was revoked
             * @example null
             */
            revoked_at: string | null;
            /**
             * @description Whether it authenticates now
             * @example active
             * @enum {string}
             */
            status: "active" | "revoked" | "expired";
        };
        ClientKeyPageDto: {
            /** @description This page of keys, newest first */
            items: components["schemas"]["ClientKeyDto"][];
            /**
             * @description Keys per page
             * @example 100
             */
            limit: number;
            /**
             * @description This page number
             * @example 1
             */
            page: number;
            /**
             * @description Keys matching the filter, all pages
             * @example 1
             */
            total: number;
        };
        ConflictDetailDto: {
            /**
             * @description The record is deleted (a tombstone at server_ver)
             * @example false
             */
            deleted: boolean;
            /**
             * @description The record's current fields (null when it does not exist or is deleted)
             * @example {
             *       "qty": 9
             *     }
             */
            server_data: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The record's current version (0: it does not exist)
             * @example 2
             */
            server_ver: number;
        };
        EntityAlertRuleDto: {
            /**
             * @description What the rule measures
             * @example Failed deliveries (first attempts and retries) in the last hour
             */
            description: string;
            /** @description Entity ids above the threshold, most failures first (up to 10) */
            entities: components["schemas"]["EntityFailuresDto"][];
            /**
             * @description value > threshold
             * @example false
             */
            firing: boolean;
            /**
             * @description The rule fires when value is above this (configurable)
             * @example 10
             */
            threshold: number;
            /**
             * @description The measured value
             * @example 4
             */
            value: number;
        };
        EntityFailuresDto: {
            /**
             * @description Entity id
             * @example MTY_001:abc123
             */
            entity_id: string;
            /**
             * @description Entity type
             * @example SALE
             */
            entity_type: string;
            /**
             * @description Failed deliveries: each of its rows counts its first failure plus its failed retries
             * @example 4
             */
            failures: number;
        };
        ErrorResponseDto: {
            /**
             * @description A machine-readable reason, when the status alone does not say what to do: `cursor_expired` (410: start over with a full pull), `conflict` (409), `key_revoked`, `key_expired`, `token_expired`, `token_invalid` (401), `device_mismatch` (403), `too_many_failures` (429); see docs/credentials.md and docs/multi-device.md
             * @example cursor_expired
             */
            code?: string;
            /** @description `code: conflict` (409): what the server holds; the change was logged CONFLICT and nothing was applied */
            conflict?: components["schemas"]["ConflictDetailDto"];
            /**
             * @description Every individual problem, when there are several
             * @example [
             *       "id must be a non-empty string"
             *     ]
             */
            details?: string[];
            /**
             * @description HTTP status name
             * @example Bad Request
             */
            error: string;
            /**
             * @description What went wrong, for a person
             * @example id must be a non-empty string
             */
            message: string;
            /**
             * @description `code: conflict` (409): the id of the CONFLICT operation in the log
             * @example 42
             */
            operation_id?: string;
            /**
             * @description The request id (also in the X-Request-Id header and the logs)
             * @example 5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a
             */
            requestId?: string;
            /**
             * @description HTTP status code
             * @example 400
             */
            statusCode: number;
        };
        HistoryRestoredDto: {
            /** @description The records whose history was re-created, by id */
            records: components["schemas"]["RestoredRecordDto"][];
            /**
             * @description Operations re-created
             * @example 1
             */
            restored: number;
        };
        IssuedKeyDto: {
            /**
             * @description The store (client id) the key acts for
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description When it was issued
             * @example 2026-12-07T10:00:00.000Z
             */
            created_at: string;
            /**
             * @description The device it is bound to; null for a store's key
             * @example till-2
             */
            device_id: string | null;
            /**
             * @description When it stops working (a rotated key: the end of its grace period); null: never
             * @example 2027-03-07T10:00:00.000Z
             */
            expires_at: string | null;
            /**
             * @description Key id (admin routes take it)
             * @example k3x9q2m7a1b4
             */
            id: string;
            /**
             * @description The key, shown this once (only its SHA-256 is stored): the client sends it as Authorization: Bearer <key>
             * @example rsk_k3x9q2m7a1b4_Jq8m0yC2rT6xw1Vb9nH4sL7eK3uA5dF0gP2iZ8oQ6cY
             */
            key: string;
            /**
             * @description A note for operators
             * @example Monterrey till 2
             */
            label: string | null;
            /**
             * @description When it last authenticated a request (recorded in batches: up to CLIENT_KEY_LAST_USED_FLUSH late)
             * @example 2026-12-07T10:05:00.000Z
             */
            last_used_at: string | null;
            /**
             * @description How the key starts: enough to recognise it, never enough to use it
             * @example rsk_k3x9q2m7a1b4_
             */
            prefix: string;
            /**
             * @description The key that replaced it, when rotated
             * @example null
             */
            replaced_by: string | null;
            /**
             * @description When it was revoked
             * @example null
             */
            revoked_at: string | null;
            /**
             * @description Whether it authenticates now
             * @example active
             * @enum {string}
             */
            status: "active" | "revoked" | "expired";
        };
        JobErrorDto: {
            /**
             * @description Why it failed
             * @example Could not be stored: the record breaks the table's rule "total_positive"
             */
            error: string | null;
            /**
             * @description The record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description The operation
             * @example CREATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description Id of the operation in the log
             * @example 42
             */
            operation_id: string;
            /**
             * @description Synced table
             * @example venta
             */
            table: string;
        };
        JobProgressDto: {
            /**
             * @description When the first operation of the job was logged
             * @example 2026-11-24T23:50:00.000Z
             */
            accepted_at: string;
            /**
             * @description Present only when retention (OPERATION_LOG_RETENTION) retired some of the job's operations (archived, see docs/operation-log.md): how many. They had finished (COMPLETED or ERROR) and count in `total`, in no other count; their errors are no longer listed
             * @example 400
             */
            archived?: number;
            /**
             * @description Applied (or safely bypassed, with a note)
             * @example 598
             */
            completed: number;
            /**
             * @description Failed: the client resends these
             * @example 2
             */
            error: number;
            /** @description The failed operations with their record ids, oldest first (up to 1,000) */
            errors: components["schemas"]["JobErrorDto"][];
            /**
             * @description When the last operation finished, once none is left; null before
             * @example null
             */
            finished_at: string | null;
            /**
             * @description The job id
             * @example job123
             */
            id_cola: string;
            /**
             * @description Logged PROCESSING (workers apply a claimed batch in one transaction, so this is normally 0)
             * @example 0
             */
            processing: number;
            /**
             * @description Waiting for a worker (a batch being applied counts here until it commits)
             * @example 400
             */
            queued: number;
            /**
             * @description PROCESSING while any operation is queued or being applied; COMPLETED once all are COMPLETED or ERROR
             * @example PROCESSING
             * @enum {string}
             */
            status: "PROCESSING" | "COMPLETED";
            /**
             * @description Operations logged with this id_cola
             * @example 1000
             */
            total: number;
        };
        LegacyErrorDto: {
            /**
             * @description What is wrong, for people
             * @example operation is required (create, update or delete)
             */
            msg: string;
            /**
             * @description Always "error"
             * @example error
             */
            status: string;
            /**
             * @description The HTTP status, repeated
             * @example 400
             */
            status_code: number;
            /**
             * @description What is wrong, for programs: MISSING_OPERATION, INVALID_OPERATION, INVALID_RECORDS, EMPTY_RECORDS, TOO_MANY_RECORDS, MISSING_TABLE_NAME, MISSING_TABLE, UNKNOWN_TABLE, MISSING_FIELD_ID, INVALID_FIELD_ID, MISSING_CLIENT_ID, CLIENT_ID_MISMATCH, INVALID_VERSION, INVALID_JSON, INVALID_NDJSON, INVALID_CONTENT_TYPE, PAYLOAD_TOO_LARGE, UNAUTHORIZED, RATE_LIMIT_EXCEEDED, SERVICE_UNAVAILABLE, INTERNAL_ERROR
             * @example MISSING_OPERATION
             */
            status_id: string;
        };
        LegacyQueuedDto: {
            /**
             * @description The job the batch became: ask POST /records with it, or GET /jobs/{id_cola}
             * @example job_3kP9xQ2mLw7vR1sT
             */
            id_cola: string;
            /**
             * @description What was queued
             * @example Batch of 3 records queued
             */
            msg: string;
            /**
             * @description Always "ok" on success
             * @example ok
             */
            status: string;
            /**
             * @description The HTTP status, repeated
             * @example 200
             */
            status_code: number;
            /**
             * @description BATCH_QUEUED
             * @example BATCH_QUEUED
             */
            status_id: string;
        };
        LegacyRecordStatusDto: {
            /**
             * @description The stored record (`_hash_id`, `_ver` and its fields) when COMPLETED, else null
             * @example {
             *       "_hash_id": "abc123",
             *       "_ver": 3,
             *       "total": 125.5
             *     }
             */
            data: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Why it is ERROR
             * @example Operation record missing but data exists in main table - please resend to recreate operation history
             */
            error_details?: string;
            /**
             * @description The record id, keyed by the field_id of the request: `hash_id` with field_id=hash_id, `recno_id` with field_id=recno_id, ...
             * @example abc123
             */
            hash_id?: string;
            /**
             * @description A remark beside the status, such as "Record was deleted" or "History archived"
             * @example Record was deleted
             */
            note?: string;
            /**
             * @description COMPLETED, PROCESSING (queued or being applied), ERROR (resend) or NOT_FOUND (send)
             * @example COMPLETED
             * @enum {string}
             */
            status: "COMPLETED" | "PROCESSING" | "ERROR" | "NOT_FOUND";
        };
        LegacyStatusResponseDto: {
            /**
             * @description The client (the key's)
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description The field_id of the request
             * @example hash_id
             */
            field_id: string;
            /** @description One status per line of the request, in order */
            records: components["schemas"]["LegacyRecordStatusDto"][];
            /**
             * @description The table of the request
             * @example venta
             */
            table: string;
            /**
             * @description How many records were asked about
             * @example 1
             */
            total_records: number;
            /**
             * @description The `ver` of the request, as sent (null without one)
             * @example 3
             */
            version: string | null;
        };
        LostRecordDto: {
            /**
             * @description When that operation completed
             * @example 2026-11-23T10:15:00.000Z
             */
            completed_at: string;
            /**
             * @description Device that sent that operation (X-Device-Id or a device-bound key); null: sent without a device, or its history was retired
             * @example till-2
             */
            device_id: string | null;
            /**
             * @description Record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description That operation
             * @example CREATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE";
            /**
             * @description The version its last applied operation wrote
             * @example 2
             */
            ver: number;
        };
        LostRowsClientDto: {
            /**
             * @description Client id
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description 0-10 normal, 11-100 warning, over 100 critical
             * @example normal
             * @enum {string}
             */
            level: "normal" | "warning" | "critical";
            /**
             * @description Records of this client whose row is lost
             * @example 3
             */
            lost: number;
            /** @description Up to 100 of them, most recently completed first */
            records: components["schemas"]["LostRecordDto"][];
        };
        LostRowsReportDto: {
            /**
             * @description The worst level of any client and table
             * @example normal
             * @enum {string}
             */
            level: "normal" | "warning" | "critical";
            /** @description One entry per synced table checked */
            tables: components["schemas"]["LostRowsTableDto"][];
            /**
             * @description Level thresholds in use
             * @example {
             *       "warning": 10,
             *       "critical": 100
             *     }
             */
            thresholds: Record<string, never>;
        };
        LostRowsTableDto: {
            /** @description Per client, most lost first (clients with none are not listed) */
            clients: components["schemas"]["LostRowsClientDto"][];
            /**
             * @description Lost rows in this table, all clients
             * @example 3
             */
            lost: number;
            /**
             * @description Synced table
             * @example venta
             */
            table: string;
        };
        MissingOperationRecordDto: {
            /**
             * @description When the row was created
             * @example 2026-11-23T10:15:00.000Z
             */
            created_at: string;
            /**
             * @description Record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description Its current `_ver`
             * @example 1
             */
            ver: number;
        };
        MissingOperationsClientDto: {
            /**
             * @description Client id
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description 0-10 normal, 11-100 warning, over 100 critical
             * @example warning
             * @enum {string}
             */
            level: "normal" | "warning" | "critical";
            /**
             * @description Rows with no operation for their current version
             * @example 12
             */
            missing: number;
            /** @description Up to 100 of them, newest first */
            records: components["schemas"]["MissingOperationRecordDto"][];
        };
        MissingOperationsReportDto: {
            /**
             * @description The worst level of any client and table
             * @example normal
             * @enum {string}
             */
            level: "normal" | "warning" | "critical";
            /** @description One entry per synced table checked */
            tables: components["schemas"]["MissingOperationsTableDto"][];
            /**
             * @description Level thresholds in use
             * @example {
             *       "warning": 10,
             *       "critical": 100
             *     }
             */
            thresholds: Record<string, never>;
        };
        MissingOperationsTableDto: {
            /** @description Per client, most missing first (clients with none are not listed) */
            clients: components["schemas"]["MissingOperationsClientDto"][];
            /**
             * @description Rows without operations in this table, all clients
             * @example 12
             */
            missing: number;
            /**
             * @description Synced table
             * @example venta
             */
            table: string;
        };
        OperationHistoryDto: {
            /** @description Present only when retention (OPERATION_LOG_RETENTION) retired older operations of the record (archived, see docs/operation-log.md): the newest of them */
            archived?: components["schemas"]["ArchivedHistoryDto"];
            /**
             * @description The record id (`_hash_id`)
             * @example abc123
             */
            hash_id: string;
            /** @description Every operation on the record still in the log, oldest first */
            operations: components["schemas"]["OperationHistoryEntryDto"][];
            /**
             * @description The synced table
             * @example venta
             */
            table: string;
        };
        OperationHistoryEntryDto: {
            /**
             * @description The version the change was made on (`base_ver`), null when it was sent without one
             * @example 1
             */
            base_ver: number | null;
            /**
             * @description The batch version (`ver`) the client sent
             * @example 1
             */
            batch_version: number;
            /**
             * @description For an applied UPDATE: the top-level fields it changed against the previous version (`from` the old value, `to` the new; no `from`: added, no `to`: removed). Null for other operations and when the previous version is not known
             * @example {
             *       "total": {
             *         "from": 125.5,
             *         "to": 130
             *       },
             *       "coupon": {
             *         "to": "NOV10"
             *       }
             *     }
             */
            changes: {
                [key: string]: {
                    from?: unknown;
                    to?: unknown;
                };
            } | null;
            /**
             * @description When it was logged
             * @example 2026-11-23T10:15:00.000Z
             */
            created_at: string;
            /**
             * @description The device that sent it (the request's `X-Device-Id` header), null when it named none
             * @example till-2
             */
            device_id: string | null;
            /**
             * @description Why the operation failed, if it did
             * @example null
             */
            error: string | null;
            /**
             * @description Operation id in the log
             * @example 42
             */
            id: string;
            /**
             * @description Why a COMPLETED operation changed nothing, if it did not
             * @example Duplicate bypassed
             */
            note: string | null;
            /**
             * @description What the client asked for
             * @example CREATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description The record's own fields exactly as the client sent them (null for a DELETE, for an operation rejected before it could be read, and when AUDIT_PAYLOADS is off)
             * @example {
             *       "total": 130,
             *       "currency": "MXN"
             *     }
             */
            payload: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The client queue job id (`id_cola`) it came with
             * @example job-123
             */
            queue_id: string | null;
            /**
             * @description What became of it
             * @example COMPLETED
             * @enum {string}
             */
            status: "QUEUED" | "PROCESSING" | "COMPLETED" | "ERROR" | "CONFLICT";
            /**
             * @description When its status last changed
             * @example 2026-11-23T10:15:00.000Z
             */
            updated_at: string;
        };
        RecordStatusDto: {
            /** @description On CONFLICT: what the server holds now */
            conflict?: components["schemas"]["ConflictDetailDto"];
            /**
             * @description On COMPLETED with the row present: `_hash_id`, `_ver` and the fields as sent; otherwise null
             * @example {
             *       "_hash_id": "abc123",
             *       "_ver": 1,
             *       "name": "John"
             *     }
             */
            data: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Why, on ERROR
             * @example Operation record missing but data exists in main table - please resend to recreate operation history
             */
            error_details?: string;
            /**
             * @description The record id asked about
             * @example abc123
             */
            hash_id: string;
            /**
             * @description On COMPLETED: "Record was deleted" when the record is deleted (a tombstone, or the answering operation was a DELETE); "History archived" when the operation that answers was retired by retention (OPERATION_LOG_RETENTION, docs/operation-log.md) and only its summary is kept
             * @example Record was deleted
             */
            note?: string;
            /**
             * @description PROCESSING (queued or in flight), COMPLETED, ERROR (resend: see error_details; also when the history is missing or a completed write lost its row), NOT_FOUND (never received) or CONFLICT (the change was sent with `base_ver` and found the record at another version: nothing applied, do not resend it as is; see `conflict`)
             * @example COMPLETED
             * @enum {string}
             */
            status: "PROCESSING" | "COMPLETED" | "ERROR" | "NOT_FOUND" | "CONFLICT";
        };
        RestoredRecordDto: {
            /**
             * @description The record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description The version whose operation was re-created
             * @example 2
             */
            ver: number;
        };
        RetryResultDto: {
            /**
             * @description Why the attempt failed, if it did
             * @example null
             */
            error: string | null;
            /** @description The failure after the attempt; null once delivered */
            failure: components["schemas"]["SyncFailureDto"] | null;
            /**
             * @description Sync failure id
             * @example 3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21
             */
            id: string;
            /**
             * @description delivered: the row is deleted; retry_scheduled: failed, retried automatically later; manual_intervention: failed, waits for a person
             * @example delivered
             * @enum {string}
             */
            outcome: "delivered" | "retry_scheduled" | "manual_intervention";
        };
        RotatedKeyDto: {
            /** @description The new key (shown this once) */
            key: components["schemas"]["IssuedKeyDto"];
            /** @description The old key, working until its expires_at (the grace period) */
            previous: components["schemas"]["ClientKeyDto"];
        };
        RxCheckpointDto: {
            /**
             * @description The change feed's cursor (opaque)
             * @example v1.743.
             */
            cursor: string;
        };
        RxPullDto: {
            /** @description Send back as `checkpoint` in the next pull */
            checkpoint: components["schemas"]["RxCheckpointDto"];
            /**
             * @description Documents `{ id, ver, ...fields, _deleted }` in feed order; tombstones `{ id, ver, _deleted: true }`. Fewer than batchSize: caught up
             * @example [
             *       {
             *         "id": "v1",
             *         "ver": 3,
             *         "total": 6,
             *         "_deleted": false
             *       }
             *     ]
             */
            documents: {
                [key: string]: unknown;
            }[];
        };
        ScheduledRetryDto: {
            /**
             * @description The next_retry_at they were given
             * @example 2026-11-23T10:40:00.000Z
             */
            next_retry_at: string;
            /**
             * @description Failures made due now; the retry job (SYNC_RETRY_CRON) sends them on its next run
             * @example 3
             */
            scheduled: number;
        };
        SingleIngestResponseDto: {
            /**
             * @description Sent with `base_ver`: the fields the record now has (null: deleted); a device adopts them with `ver`
             * @example {
             *       "qty": 7
             *     }
             */
            data?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The record id
             * @example abc123
             */
            hash_id: string;
            /**
             * @description Why nothing changed, when nothing did
             * @example Duplicate bypassed
             * @enum {string}
             */
            note?: "Duplicate bypassed" | "Stale version ignored" | "Already deleted" | "Record did not exist - created by update";
            /**
             * @description The operation logged
             * @example CREATE
             * @enum {string}
             */
            operation: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description Id of the operation in the log (also the Idempotency-Key sent to the external system)
             * @example 42
             */
            operation_id: string;
            /**
             * @description Always "success" on 2xx: the operation is durably logged as COMPLETED
             * @example success
             */
            status: string;
            /**
             * @description Sent with `base_ver`: the version the record now has (for a merged write, the next after the one it was merged over)
             * @example 3
             */
            ver?: number;
        };
        StatusBatchRequestDto: {
            /** @description 1 to 1000 queries, answered in order */
            records: components["schemas"]["StatusQueryDto"][];
        };
        StatusBatchResponseDto: {
            /** @description One answer per query, in request order */
            results: components["schemas"]["RecordStatusDto"][];
        };
        StatusQueryDto: {
            /**
             * @description The record id (`_hash_id`)
             * @example abc123
             */
            hash_id: string;
            /**
             * @description Prefer the operation logged with this queue job id
             * @example job123
             */
            id_cola?: string;
            /**
             * @description Ask about this batch version only
             * @example 1
             */
            ver?: number;
        };
        SyncAlertsDto: {
            /** @description Average retry_count of the last 24 hours above SYNC_ALERT_AVG_RETRIES */
            average_retries: components["schemas"]["AlertRuleDto"];
            /**
             * @description When the rules were evaluated
             * @example 2026-11-23T10:00:00.000Z
             */
            checked_at: string;
            /** @description An entity id failing more than SYNC_ALERT_ENTITY_FAILURES times in the last 24 hours */
            entity_failures: components["schemas"]["EntityAlertRuleDto"];
            /** @description More than SYNC_ALERT_FAILURES_PER_HOUR failed deliveries in the last hour */
            failures_last_hour: components["schemas"]["AlertRuleDto"];
            /**
             * @description Whether any rule fires
             * @example false
             */
            firing: boolean;
        };
        SyncedTableDto: {
            /**
             * @description Numeric fields a `merge` table merges by delta (`current + (sent - base)`)
             * @example [
             *       "qty"
             *     ]
             */
            counters: string[];
            /**
             * @description The name the external system knows the entity by
             * @example STOCK
             */
            entity_type: string;
            /**
             * @description The table name, as in /tables/{table}/...
             * @example stock
             */
            name: string;
            /**
             * @description What a change sent with `base_ver` does when the record moved on: `reject` (CONFLICT) or `merge`
             * @example merge
             * @enum {string}
             */
            policy: "reject" | "merge";
            /**
             * @description Whether the rows belong to no store: written by head office, read-only for stores, in every store's feed
             * @example false
             */
            shared: boolean;
        };
        SyncedTablesDto: {
            /** @description Every synced table the server serves, in registry order */
            tables: components["schemas"]["SyncedTableDto"][];
        };
        SyncFailureDto: {
            /**
             * @description The action last sent
             * @example CREATE
             * @enum {string}
             */
            action: "CREATE" | "UPDATE" | "DELETE";
            /**
             * @description Client that owns the record
             * @example MTY_001
             */
            client_id: string;
            /**
             * @description When the first delivery failed
             * @example 2026-11-23T10:15:00.000Z
             */
            created_at: string;
            /**
             * @description Waiting for manual intervention: the maximum retries reached, or no retry scheduled
             * @example false
             */
            critical: boolean;
            /**
             * @description Device that made that operation (X-Device-Id or a device-bound key); null: sent without a device, or the operation is no longer in the log
             * @example tablet-3
             */
            device_id: string | null;
            /**
             * @description Entity id, unique across clients: `<client id>:<record id>`
             * @example MTY_001:abc123
             */
            entity_id: string;
            /**
             * @description The external system's entity type
             * @example SALE
             */
            entity_type: string;
            /**
             * @description Why the last attempt failed
             * @example HTTP 500: Internal Server Error
             */
            error: string;
            /**
             * @description Sync failure id
             * @example 3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21
             */
            id: string;
            /**
             * @description When the last retry failed
             * @example 2026-11-23T10:20:00.000Z
             */
            last_retry_at: string | null;
            /**
             * @description When the next automatic retry is due; null: waiting for manual intervention
             * @example 2026-11-23T10:35:00.000Z
             */
            next_retry_at: string | null;
            /**
             * @description Operation log id of the change that failed to deliver (the Idempotency-Key)
             * @example 42
             */
            operation_id: string | null;
            /**
             * @description The payload last sent (JSON)
             * @example {
             *       "_hash_id": "abc123",
             *       "_ver": 1,
             *       "total": 125.5
             *     }
             */
            payload: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Record id (`_hash_id`)
             * @example abc123
             */
            record_id: string;
            /**
             * @description Retries made so far (the first delivery is not counted)
             * @example 1
             */
            retry_count: number;
            /**
             * @description Synced table of the record
             * @example venta
             */
            table_name: string;
            /**
             * @description When the row last changed
             * @example 2026-11-23T10:20:00.000Z
             */
            updated_at: string;
        };
        SyncFailurePageDto: {
            /** @description This page of failures, newest first */
            items: components["schemas"]["SyncFailureDto"][];
            /**
             * @description Rows per page
             * @example 50
             */
            limit: number;
            /**
             * @description This page number
             * @example 1
             */
            page: number;
            /**
             * @description Failures matching the filter, all pages
             * @example 1
             */
            total: number;
        };
        SyncFailureStatsDto: {
            /**
             * @description Start of the window (the last 24 hours)
             * @example 2026-11-22T10:00:00.000Z
             */
            since: string;
            /** @description Per entity type and action, most failures first */
            stats: components["schemas"]["SyncFailureStatsRowDto"][];
        };
        SyncFailureStatsRowDto: {
            /**
             * @description Action
             * @example CREATE
             */
            action: string;
            /**
             * @description Average retry_count, two decimals
             * @example 1.5
             */
            avg_retries: number;
            /**
             * @description Entity type
             * @example SALE
             */
            entity_type: string;
            /**
             * @description Highest retry_count
             * @example 3
             */
            max_retries: number;
            /**
             * @description Failures created in the window
             * @example 12
             */
            total_failures: number;
        };
        WatermelonPullDto: {
            /**
             * @description Per synced table (the shared ones included)
             * @example {
             *       "venta": {
             *         "created": [],
             *         "updated": [
             *           {
             *             "id": "k3Jd9aQpX0c1Lm2N",
             *             "ver": 2,
             *             "total": 12.5
             *           }
             *         ],
             *         "deleted": [
             *           "a8Zz0"
             *         ]
             *       }
             *     }
             */
            changes: {
                [key: string]: components["schemas"]["WatermelonTableChangesDto"];
            };
            /**
             * @description The horizon of this pull (a PostgreSQL transaction id): send it back as `last_pulled_at`. Every change below it was sent; none can appear below it later
             * @example 1043
             */
            timestamp: number;
        };
        WatermelonPushDto: {
            /**
             * @description Per table, records not applied because the server holds them deleted (logged ERROR). Return this object from `pushChanges`: Watermelon keeps them unsynced. Absent when none
             * @example {
             *       "venta": [
             *         "k3Jd9aQpX0c1Lm2N"
             *       ]
             *     }
             */
            experimentalRejectedIds?: {
                [key: string]: string[];
            };
        };
        WatermelonTableChangesDto: {
            /**
             * @description Always empty: every live record travels as `updated`
             * @example []
             */
            created: Record<string, never>[];
            /**
             * @description Ids of records deleted since `last_pulled_at`
             * @example [
             *       "a8Zz0"
             *     ]
             */
            deleted: string[];
            /**
             * @description Records written since `last_pulled_at` (all live records on a first sync): `id`, `ver` (the server version) and their fields. Sync with `sendCreatedAsUpdated: true`
             * @example [
             *       {
             *         "id": "k3Jd9aQpX0c1Lm2N",
             *         "ver": 2,
             *         "total": 12.5
             *       }
             *     ]
             */
            updated: {
                [key: string]: unknown;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    sharedBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description A shared synced table */
                table: "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table, or not a shared one */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    restoreHistory: {
        parameters: {
            query: {
                /** @description The client (`*shared*` for a shared table) */
                client_id: string;
            };
            header?: never;
            path: {
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryRestoredDto"];
                };
            };
            /** @description A missing or malformed client_id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ClientKeysController_list: {
        parameters: {
            query?: {
                /** @description Only this store's keys */
                client_id?: string;
                /** @description Only this device's keys */
                device_id?: string;
                /** @description true: revoked and expired keys too (false by default) */
                include_inactive?: boolean;
                /** @description Keys per page (1 to 500); 100 by default */
                limit?: number;
                /** @description Page number, from 1 to 1000000 */
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientKeyPageDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ClientKeysController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The store (client id) the key acts for
                     * @example MTY_001
                     */
                    client_id: string;
                    /**
                     * @description The device the key is bound to: requests with it act as this device (omit for a store's key)
                     * @example till-2
                     */
                    device_id?: string;
                    /**
                     * @description Seconds until the key expires (omit: it never expires)
                     * @example 7776000
                     */
                    expires_in_seconds?: number;
                    /**
                     * @description A note for operators (no control characters)
                     * @example Monterrey till 2
                     */
                    label?: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKeyDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ClientKeysController_find: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id: the 12 characters after rsk_ in the key (also shown as its prefix) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientKeyDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ClientKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id: the 12 characters after rsk_ in the key (also shown as its prefix) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientKeyDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ClientKeysController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id: the 12 characters after rsk_ in the key (also shown as its prefix) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @description Seconds until the new key expires (omit: it never expires)
                     * @example 7776000
                     */
                    expires_in_seconds?: number;
                    /**
                     * @description How long the old key keeps working (0: stops now); CLIENT_KEY_ROTATE_GRACE (24 h) by default
                     * @example 86400
                     */
                    grace_seconds?: number;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedKeyDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key is revoked or expired: issue a new one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "The key is revoked or expired: issue a new one",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example ok
                         * @enum {string}
                         */
                        status?: "ok" | "degraded";
                    };
                };
            };
            /**
             * @description The database does not answer
             *
             *     The Health Check is not successful
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example error
                         * @enum {string}
                         */
                        status?: "error" | "shutting_down";
                    };
                };
            };
        };
    };
    createItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md
                     * @example 1
                     */
                    base_ver?: number;
                    /**
                     * @description The record's id, stored as `_hash_id` (no control characters)
                     * @example abc123
                     */
                    id: string;
                    /**
                     * @description The client's queue job id; status queries can ask for it (no control characters)
                     * @example job123
                     */
                    id_cola?: string;
                    /**
                     * @description Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.
                     * @example 1
                     */
                    ver?: number;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description The record id: 1 to 255 characters, no control characters */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md
                     * @example 1
                     */
                    base_ver?: number;
                    /**
                     * @description The client's queue job id; status queries can ask for it (no control characters)
                     * @example job123
                     */
                    id_cola?: string;
                    /**
                     * @description Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.
                     * @example 1
                     */
                    ver?: number;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteItem: {
        parameters: {
            query?: {
                /** @description The version the device deleted the record at; another current version is a CONFLICT (docs/multi-device.md) */
                base_ver?: number;
                /** @description The client's queue job id (no control characters) */
                id_cola?: string;
                /** @description Batch version of the delete; a stored row with a newer `_ver` is kept (stale) */
                ver?: number;
            };
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description The record id: 1 to 255 characters, no control characters */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    itemHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record id (`_hash_id`): 1 to 255 characters, no control characters */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationHistoryDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    jobProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (answered by a 202, or the id_cola the client sent) */
                id_cola: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobProgressDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No operation of this client has this id_cola */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    legacyQueueBatch: {
        parameters: {
            query?: {
                /** @description NDJSON form: the client; must be the key's */
                client_id?: string;
                /** @description NDJSON form: the __meta key holding each record id (default hash_id) */
                field_id?: string;
                /** @description NDJSON form (required with a text/plain body): create, update or delete */
                operation?: "create" | "update" | "delete";
                /** @description NDJSON form (required with a text/plain body): the synced table */
                table_name?: "venta" | "devolucion" | "stock" | "producto";
                /** @description NDJSON form: the batch version (default 1) */
                ver?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The client; must be the key's (403 otherwise)
                     * @example MTY_001
                     */
                    client_id?: string;
                    /**
                     * @description The __meta key holding each record's id (default hash_id)
                     * @example hash_id
                     */
                    field_id?: string;
                    /**
                     * @description What to do with every record
                     * @example create
                     * @enum {string}
                     */
                    operation: "create" | "update" | "delete";
                    /** @description The records, 1 to 1000 */
                    records: {
                        [key: string]: unknown;
                    }[];
                    /**
                     * @description The synced table
                     * @example venta
                     * @enum {string}
                     */
                    table_name: "venta" | "devolucion" | "stock" | "producto";
                    /**
                     * @description The batch version, a number or a numeric string (default 1)
                     * @example 3
                     */
                    ver?: number | string;
                };
                "text/plain": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyQueuedDto"];
                };
            };
            /** @description Bad input (status_id says which); nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Missing or unknown key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description client_id is not the client of the key (CLIENT_ID_MISMATCH); nothing is written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Unknown table (UNKNOWN_TABLE) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many records or too large a body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Not JSON or NDJSON (INVALID_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description RATE_LIMIT_EXCEEDED, with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    legacyRecordStatus: {
        parameters: {
            query: {
                /** @description The client; must be the key's */
                client_id: string;
                /** @description The name the lines (and answers) carry each record id under */
                field_id: string;
                /** @description The synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
                /** @description Only operations of this batch version (without it, the newest answers) */
                ver?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/plain": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyStatusResponseDto"];
                };
            };
            /** @description Bad input (status_id says which); nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Missing or unknown key (UNAUTHORIZED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description client_id is not the client of the key (CLIENT_ID_MISMATCH); nothing is written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Unknown table (UNKNOWN_TABLE) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many records or too large a body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Not JSON or NDJSON (INVALID_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyErrorDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every metric in the Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid metrics token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    lostRows: {
        parameters: {
            query?: {
                /** @description Only this client (letters, digits, _ . -, as in API_KEYS) */
                client_id?: string;
                /** @description Check only this table */
                table?: "venta" | "devolucion" | "stock" | "producto";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LostRowsReportDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    missingOperations: {
        parameters: {
            query?: {
                /** @description Only this client (letters, digits, _ . -, as in API_KEYS) */
                client_id?: string;
                /** @description Check only this table */
                table?: "venta" | "devolucion" | "stock" | "producto";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MissingOperationsReportDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    recordStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusQueryDto"] | components["schemas"]["StatusBatchRequestDto"];
            };
        };
        responses: {
            /** @description A RecordStatus for the single form, { results } for the batch form */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordStatusDto"] | components["schemas"]["StatusBatchResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rxdbPull: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Most documents in the answer, 1 to 1000
                     * @example 100
                     */
                    batchSize: number;
                    /**
                     * @description The `checkpoint` of the previous pull, as is; null (or absent) to start from the beginning
                     * @example {
                     *       "cursor": "v1.742.YWJjMTIz"
                     *     }
                     */
                    checkpoint?: {
                        cursor: string;
                    } | null;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RxPullDto"];
                };
            };
            /** @description A malformed checkpoint or batchSize */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `code: cursor_expired`: the checkpoint is older than the tombstone retention; resync from a null checkpoint */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 410,
                     *       "error": "Gone",
                     *       "message": "`code: cursor_expired`: the checkpoint is older than the tombstone retention; resync from a null checkpoint",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rxdbPush: {
        parameters: {
            query?: never;
            header?: {
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    assumedMasterState?: ({
                        _deleted?: boolean;
                        /** @description The primary key */
                        id: string;
                        /** @description The server's version (ignored in newDocumentState: the server assigns it) */
                        ver?: number;
                    } & {
                        [key: string]: unknown;
                    }) | null;
                    newDocumentState: {
                        _deleted?: boolean;
                        /** @description The primary key */
                        id: string;
                        /** @description The server's version (ignored in newDocumentState: the server assigns it) */
                        ver?: number;
                    } & {
                        [key: string]: unknown;
                    };
                }[];
            };
        };
        responses: {
            /** @description The server's current documents of the conflicting rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description Malformed rows or more than 1,000: nothing written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A shared table: stores read it only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table: stores read it only",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_list: {
        parameters: {
            query?: {
                /** @description true: only failures waiting for manual intervention; false: only those still retried automatically */
                critical?: boolean;
                /** @description Only this entity id (`<client id>:<record id>`, no control characters) */
                entity_id?: string;
                /** @description Only this entity type (no control characters) */
                entity_type?: string;
                /** @description Rows per page (1 to 500); 50 by default, 20 for /sync-failures/critical */
                limit?: number;
                /** @description Page number, from 1 to 1000000 */
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailurePageDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_find: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sync failure id: 1 to 64 letters, digits, _ or - */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailureDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such failure */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Sync failure 42 not found",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_discard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sync failure id: 1 to 64 letters, digits, _ or - */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The discarded failure */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailureDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such failure */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Sync failure 42 not found",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_retryOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sync failure id: 1 to 64 letters, digits, _ or - */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetryResultDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such failure */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Sync failure 42 not found",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description EXTERNAL_SYNC_URL is not set */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "External sync is not configured (EXTERNAL_SYNC_URL is not set)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_alerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncAlertsDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_critical: {
        parameters: {
            query?: {
                /** @description Rows per page (1 to 500); 50 by default, 20 for /sync-failures/critical */
                limit?: number;
                /** @description Page number, from 1 to 1000000 */
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailurePageDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_retryMatching: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @description true: only failures waiting for manual intervention; false: only those still retried automatically
                     * @example true
                     */
                    critical?: boolean;
                    /**
                     * @description Only this entity id (`<client id>:<record id>`, no control characters)
                     * @example MTY_001:abc123
                     */
                    entity_id?: string;
                    /**
                     * @description Only this entity type (no control characters)
                     * @example SALE
                     */
                    entity_type?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduledRetryDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SyncFailuresController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailureStatsDto"];
                };
            };
            /** @description Invalid query, body or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or invalid admin token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Invalid admin token",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listTables: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncedTablesDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    batch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description Synced table (the /items routes act on DEFAULT_TABLE) */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedJobDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    pullChanges: {
        parameters: {
            query?: {
                /** @description Most changes in this page, 1 to 1000 (default 500) */
                limit?: number;
                /** @description The `next` cursor of the previous pull (opaque). Absent: a first pull, every live record (no deletions) */
                since?: string;
            };
            header?: never;
            path: {
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangesPageDto"];
                };
            };
            /** @description A `since` this server did not write, or `limit` out of 1-1000 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `code: cursor_expired`: the cursor is older than the tombstone retention; start over with a full pull (no `since`) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 410,
                     *       "error": "Gone",
                     *       "message": "`code: cursor_expired`: the cursor is older than the tombstone retention; start over with a full pull (no `since`)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createTableItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description Synced table (the /items routes act on DEFAULT_TABLE) */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md
                     * @example 1
                     */
                    base_ver?: number;
                    /**
                     * @description The record's id, stored as `_hash_id` (no control characters)
                     * @example abc123
                     */
                    id: string;
                    /**
                     * @description The client's queue job id; status queries can ask for it (no control characters)
                     * @example job123
                     */
                    id_cola?: string;
                    /**
                     * @description Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.
                     * @example 1
                     */
                    ver?: number;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateTableItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description The record id: 1 to 255 characters, no control characters */
                id: string;
                /** @description Synced table (the /items routes act on DEFAULT_TABLE) */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md
                     * @example 1
                     */
                    base_ver?: number;
                    /**
                     * @description The client's queue job id; status queries can ask for it (no control characters)
                     * @example job123
                     */
                    id_cola?: string;
                    /**
                     * @description Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.
                     * @example 1
                     */
                    ver?: number;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteTableItem: {
        parameters: {
            query?: {
                /** @description The version the device deleted the record at; another current version is a CONFLICT (docs/multi-device.md) */
                base_ver?: number;
                /** @description The client's queue job id (no control characters) */
                id_cola?: string;
                /** @description Batch version of the delete; a stored row with a newer `_ver` is kept (stale) */
                ver?: number;
            };
            header?: {
                /** @description Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it */
                Prefer?: "respond-async";
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description The record id: 1 to 255 characters, no control characters */
                id: string;
                /** @description Synced table (the /items routes act on DEFAULT_TABLE) */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SingleIngestResponseDto"];
                };
            };
            /** @description Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedSingleDto"];
                };
            };
            /** @description Malformed JSON or an invalid record; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description A shared table (head office writes it with the admin token): read-only for stores, nothing written
             *
             *     The key belongs to a device and X-Device-Id names another (code device_mismatch)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A shared table (head office writes it with the admin token): read-only for stores, nothing written\n\nThe key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "The asynchronous queue is full: retry after 5 s, or send synchronously",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    tableItemHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record id (`_hash_id`): 1 to 255 characters, no control characters */
                id: string;
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationHistoryDto"];
                };
            };
            /** @description Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    tableRecordStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path: {
                /** @description Synced table */
                table: "venta" | "devolucion" | "stock" | "producto";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusQueryDto"] | components["schemas"]["StatusBatchRequestDto"];
            };
        };
        responses: {
            /** @description A RecordStatus for the single form, { results } for the batch form */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordStatusDto"] | components["schemas"]["StatusBatchResponseDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Unknown table */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 404,
                     *       "error": "Not Found",
                     *       "message": "Unknown table \"ventas\". Synced tables: venta, devolucion",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over BODY_LIMIT_BYTES (after decompression) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A path parameter over its length limit */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 414,
                     *       "error": "URI Too Long",
                     *       "message": "A path parameter over its length limit",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    watermelonPull: {
        parameters: {
            query?: {
                /** @description The `timestamp` of the device's last pull; `null` (or absent) for a first sync. Watermelon's own `lastPulledAt`, written into the URL as is */
                last_pulled_at?: string;
                /** @description Watermelon's migration object as JSON (accepted and not used: a pull already sends whole records, so columns added by a migration come with every record written since) */
                migration?: string;
                /** @description The app's schema version (accepted and not used: records travel whole, whatever their columns) */
                schema_version?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatermelonPullDto"];
                };
            };
            /** @description A malformed last_pulled_at or schema_version */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The key belongs to a device and X-Device-Id names another (code device_mismatch) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "The key belongs to a device and X-Device-Id names another (code device_mismatch)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `code: cursor_expired`: last_pulled_at is older than the tombstone retention; reset the local database and sync from scratch */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 410,
                     *       "error": "Gone",
                     *       "message": "`code: cursor_expired`: last_pulled_at is older than the tombstone retention; reset the local database and sync from scratch",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    watermelonPush: {
        parameters: {
            query?: {
                /** @description The `timestamp` of the device's last pull; `null` (or absent) for a first sync. Watermelon's own `lastPulledAt`, written into the URL as is */
                last_pulled_at?: string;
            };
            header?: {
                /** @description The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md) */
                "X-Device-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: {
                        created?: ({
                            id: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        deleted?: string[];
                        updated?: ({
                            id: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatermelonPushDto"];
                };
            };
            /** @description An unknown table, a malformed record: nothing written */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 400,
                     *       "error": "Bad Request",
                     *       "message": "id must be a non-empty string",
                     *       "details": [
                     *         "id must be a non-empty string"
                     *       ],
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 401,
                     *       "error": "Unauthorized",
                     *       "message": "Unknown client key",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A change to a shared table (stores read them only): nothing written */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 403,
                     *       "error": "Forbidden",
                     *       "message": "A change to a shared table (stores read them only): nothing written",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The request did not arrive whole within HTTP_REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 408,
                     *       "error": "Request Timeout",
                     *       "message": "The request did not arrive whole in time",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `code: changed_since_pull`: a record changed on the server after last_pulled_at; nothing written. Synchronize again (pull, then push) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 409,
                     *       "error": "Conflict",
                     *       "message": "`code: changed_since_pull`: a record changed on the server after last_pulled_at; nothing written. Synchronize again (pull, then push)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Body over WATERMELON_BODY_LIMIT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 413,
                     *       "error": "Payload Too Large",
                     *       "message": "Request body is larger than the limit of 5242880 bytes",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 415,
                     *       "error": "Unsupported Media Type",
                     *       "message": "Unsupported Content-Type: send application/json",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 429,
                     *       "error": "Too Many Requests",
                     *       "message": "Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Request headers over Node's limit (16 KiB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 431,
                     *       "error": "Request Header Fields Too Large",
                     *       "message": "The request headers are too large",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The database is unavailable; retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "statusCode": 503,
                     *       "error": "Service Unavailable",
                     *       "message": "Database unavailable, please retry shortly",
                     *       "requestId": "5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
