import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, HttpObserver } from '@app/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** An ingest answer as the recorder needs it (IngestResult fits). */
export interface IngestAnswer {
  operation: string | null;
  status: string;
  note?: string;
}

/** A status answer as the recorder needs it (RecordStatusResult fits). */
export interface StatusAnswer {
  status: string;
  error_details?: string;
}

export type DeliveryKind = 'delivered' | 'temporary' | 'permanent';

// The ingest notes (OperationNote) that name an outcome; anything else COMPLETED is a plain apply.
const NOTE_OUTCOMES: Record<string, string> = {
  'Duplicate bypassed': 'duplicate',
  'Stale version ignored': 'stale',
  'Already deleted': 'already_deleted',
  'Record did not exist - created by update': 'created_by_update',
};
/** How the notes of merged writes begin (OperationNote.merged). */
const MERGED_NOTE = 'Merged';
const APPLIED: Record<string, string> = { CREATE: 'created', UPDATE: 'updated', DELETE: 'deleted' };
const MISSING_HISTORY = 'Operation record missing';
const LOST_ROW = /^Operation \w+ marked as COMPLETED but record not found/;

/**
 * Every Prometheus metric of the app, in its own registry, and the recording calls the
 * capabilities make (one call per request, not per record). With METRICS_ENABLED=false every call
 * returns at once. Labels are bounded: table names come from the registry, operations, outcomes
 * and answers from fixed sets, routes are route patterns; never record ids or client keys.
 */
@Injectable()
export class Metrics implements HttpObserver {
  readonly registry = new Registry();
  readonly enabled: boolean;

  private readonly ingestOperations = new Counter({
    name: 'resync_ingest_operations_total',
    help: 'Ingested operations by table, operation (CREATE/UPDATE/DELETE, "invalid" when unreadable) and outcome',
    labelNames: ['table', 'operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly conflictCount = new Counter({
    name: 'resync_conflicts_total',
    help: 'Changes sent with base_ver that found the record at another version, by table and resolution (rejected: answered CONFLICT; merged: merged and applied)',
    labelNames: ['table', 'resolution'],
    registers: [this.registry],
  });
  private readonly ingestRecords = new Histogram({
    name: 'resync_ingest_records_per_request',
    help: 'Records per ingest request (1 for /items, up to 1,000 for a batch)',
    labelNames: ['table'],
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });
  private readonly statusAnswers = new Counter({
    name: 'resync_status_answers_total',
    help: 'Record status answers by table and status (COMPLETED, PROCESSING, ERROR, NOT_FOUND)',
    labelNames: ['table', 'status'],
    registers: [this.registry],
  });
  private readonly missingHistory = new Counter({
    name: 'resync_status_missing_history_total',
    help: 'ERROR answers because the row exists but its operation history is missing (the client resends: self-healing)',
    labelNames: ['table'],
    registers: [this.registry],
  });
  private readonly lostRowAnswers = new Counter({
    name: 'resync_status_lost_row_total',
    help: "ERROR answers because a COMPLETED write's row is gone from the table (the client resends to restore it)",
    labelNames: ['table'],
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'resync_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'resync_sync_deliveries_total',
    help: 'Deliveries to the external system (first attempts and retries) by result: delivered, temporary, permanent',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly deliveryDuration = new Histogram({
    name: 'resync_sync_delivery_duration_seconds',
    help: 'Latency of one delivery to the external system, answer included',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'resync_sync_retries_total',
    help: 'Retries of failed deliveries by result: delivered, failed (scheduled again or now critical), refused',
    labelNames: ['result'],
    registers: [this.registry],
  });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.metricsEnabled;
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
  }

  /** One ingest request's answers (QUEUED ones are counted by `applied` when a worker applies them). */
  ingested(table: string, answers: IngestAnswer[]): void {
    if (!this.enabled) return;
    this.ingestRecords.observe({ table }, answers.length);
    this.countOperations(table, answers);
  }

  /** Operations an asynchronous ingest worker applied (or failed), counted like synchronous ones. */
  applied(table: string, answers: IngestAnswer[]): void {
    if (this.enabled) this.countOperations(table, answers);
  }

  private countOperations(table: string, answers: IngestAnswer[]): void {
    const counts = new Map<string, number>();
    for (const answer of answers) {
      if (answer.status === 'QUEUED') continue;
      const operation = answer.operation ?? 'invalid';
      const outcome =
        answer.status === 'ERROR'
          ? 'error'
          : answer.status === 'CONFLICT'
            ? 'conflict'
            : answer.note?.startsWith(MERGED_NOTE)
              ? 'merged'
              : ((answer.note && NOTE_OUTCOMES[answer.note]) ?? APPLIED[operation] ?? 'applied');
      const key = `${operation}\u0000${outcome}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      const [operation, outcome] = key.split('\u0000');
      this.ingestOperations.inc({ table, operation, outcome }, count);
    }
  }

  /** Conflicts found in one request (docs/multi-device.md): answered CONFLICT, or merged and applied. */
  conflicts(table: string, rejected: number, merged: number): void {
    if (!this.enabled) return;
    if (rejected > 0) this.conflictCount.inc({ table, resolution: 'rejected' }, rejected);
    if (merged > 0) this.conflictCount.inc({ table, resolution: 'merged' }, merged);
  }

  /** One status request's answers. */
  statusAnswered(table: string, answers: StatusAnswer[]): void {
    if (!this.enabled) return;
    const counts: Record<string, number> = {};
    let missing = 0;
    let lost = 0;
    for (const answer of answers) {
      counts[answer.status] = (counts[answer.status] ?? 0) + 1;
      if (answer.status !== 'ERROR' || !answer.error_details) continue;
      if (answer.error_details.startsWith(MISSING_HISTORY)) missing++;
      else if (LOST_ROW.test(answer.error_details)) lost++;
    }
    for (const [status, count] of Object.entries(counts)) this.statusAnswers.inc({ table, status }, count);
    if (missing > 0) this.missingHistory.inc({ table }, missing);
    if (lost > 0) this.lostRowAnswers.inc({ table }, lost);
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    if (!this.enabled) return;
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  delivered(result: DeliveryKind, seconds: number): void {
    if (!this.enabled) return;
    this.deliveries.inc({ result });
    this.deliveryDuration.observe(seconds);
  }

  retried(summary: { delivered: number; failed: number; refused: number }): void {
    if (!this.enabled) return;
    for (const result of ['delivered', 'failed', 'refused'] as const)
      if (summary[result] > 0) this.retries.inc({ result }, summary[result]);
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
