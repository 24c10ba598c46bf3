import { createTestDatabase, TestDatabase } from '@app/testing';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildApps } from '../foundation/built-app';
import { buildClientCjs } from '../client/build-client';

// Plain JavaScript shared with `npm run simulate` (sim/): required, not imported, so that jest's
// transform and the CLI run exactly the same code.
const { runSimulation, resultLine } = require('../../sim/simulation');

const SIMULATION_TIMEOUT = 600_000;

const STORES = 2;
const DEVICES = 3;
const RECORDS = 200;

/**
 * The convergence simulation of docs/development.md "Convergence simulation" at small scale: the
 * built server, the fault proxy with every fault kind, a SIGKILL and restart, the DBA, offline
 * devices, several devices per store sharing records, the head office, a cursor reset and a
 * device killed mid-pull; then every count must be zero. A fixed seed, so a failure here replays
 * with `npm run simulate -- --quick --stores 2 --devices 3 --records 200 --seed jest-15`.
 */
describe(`convergence simulation (${STORES} stores x ${DEVICES} devices x ${RECORDS} records, every fault)`, () => {
  let database: TestDatabase;
  let result: Record<string, any>;
  const lines: string[] = [];

  let clientBuild: string;

  beforeAll(async () => {
    clientBuild = buildClientCjs();
    await buildApps();
    database = await createTestDatabase();
    result = await runSimulation({
      quick: true,
      clients: STORES,
      devices: DEVICES,
      records: RECORDS,
      seed: 'jest-15',
      databaseUrl: database.url,
      clientModule: clientBuild,
      log: (line: string) => lines.push(line),
    });
  }, SIMULATION_TIMEOUT);

  afterAll(async () => {
    await database?.drop();
    if (clientBuild) rmSync(dirname(clientBuild), { recursive: true, force: true });
  });

  it('converges: nothing lost, mismatched, missing its history, applied twice, overwritten or miscounted, within two audit rounds', () => {
    const counts = {
      converged: result.converged,
      lost: result.lost,
      mismatched: result.mismatched,
      missingHistory: result.missingHistory,
      duplicates: result.duplicates,
      silentOverwrites: result.silentOverwrites,
      counterErrors: result.counterErrors,
      rejected: result.rejected,
    };
    expect({ line: resultLine(result), ...counts, log: counts.converged ? [] : lines }).toEqual({
      line: expect.stringMatching(
        new RegExp(
          `^CONVERGED stores=${STORES} devices=${STORES * DEVICES} records=${STORES * RECORDS} rounds=[12] lost=0 mismatched=0 missing_history=0 duplicates=0 silent_overwrites=0 counter_errors=0 seconds=\\d+$`,
        ),
      ),
      converged: true,
      lost: 0,
      mismatched: 0,
      missingHistory: 0,
      duplicates: 0,
      silentOverwrites: 0,
      counterErrors: 0,
      rejected: 0,
      log: [],
    });
    expect(result.rounds).toBeLessThanOrEqual(2);
  });

  it('went through conflicts, merges, a cursor reset and a pull across a SIGKILL, so the result means something', () => {
    const { activity } = result;
    expect({
      conflicts: activity.conflicts > 0,
      merges: activity.merges > 0,
      cursorResets: activity.cursorResets > 0,
      pagesBeforeKill: activity.pagesBeforeKill > 0,
      pagesAfterRestart: activity.pagesAfterRestart > 0,
      headOfficeWrites: result.headOffice > 0,
    }).toEqual({
      conflicts: true,
      merges: true,
      cursorResets: true,
      pagesBeforeKill: true,
      pagesAfterRestart: true,
      headOfficeWrites: true,
    });
    expect(result.events).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^device SIM_001\/3 killed mid-pull \(cut, after [1-9]\d* feed pages; .*same device: true\), pulled [1-9]\d* pages after the restart$/,
        ),
      ]),
    );
  });

  it('went through every fault kind, so the result means something', () => {
    const { proxy } = result;
    expect({
      droppedRequests: proxy.dropRequest > 0,
      droppedResponses: proxy.dropResponse > 0,
      unavailable503: proxy.unavailable > 0,
      delayed: proxy.delay > 0,
      replayedDuplicates: proxy.replayed > 0,
      offlineClients: proxy.offline > 0,
      serverDown: proxy.upstreamDown > 0,
      lateWriteAfterDelete: result.lateWrites.afterDelete > 0,
    }).toEqual({
      droppedRequests: true,
      droppedResponses: true,
      unavailable503: true,
      delayed: true,
      replayedDuplicates: true,
      offlineClients: true,
      serverDown: true,
      lateWriteAfterDelete: true,
    });
    expect(result.events).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server killed with SIGKILL/),
        'server restarted',
        expect.stringMatching(
          new RegExp(`^DBA deleted all [1-9]\\d* operations of SIM_${String(STORES).padStart(3, '0')}$`),
        ),
        expect.stringMatching(/^DBA deleted [1-9]\d* random operation rows$/),
      ]),
    );
  });
});
