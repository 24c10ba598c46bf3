import { recordId, TestApp, whileRefusingPoison } from '@app/testing';
import { useAsyncApp } from './async-kit';

/** Accepting asynchronous writes (202, job ids, refusals, /jobs); workers are run by the tests. */
describe('Asynchronous ingest', () => {
  const kit = useAsyncApp();
  const { mty, async, statusOf, history, drain } = kit;
  let t: TestApp;
  beforeAll(() => {
    ({ t } = kit);
  });

  it('answers 202 with the job id and one entry per record; status is PROCESSING until a worker applies it, then COMPLETED', async () => {
    const [a, b] = [recordId(), recordId()];
    const res = await async(mty().post('/tables/venta/batch'))
      .send({
        operations: [
          { operation: 'CREATE', record: { id: a, id_cola: 'job-1', total: 1 } },
          { operation: 'CREATE', record: { id: b, total: 2 } },
        ],
      })
      .expect(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.headers.location).toBe('/jobs/job-1');
    expect(res.body).toMatchObject({ status: 'accepted', id_cola: 'job-1', queued: 2, failed: 0 });
    expect(
      res.body.results.map((r: { index: number; id: string; status: string }) => [r.index, r.id, r.status]),
    ).toEqual([
      [0, a, 'QUEUED'],
      [1, b, 'QUEUED'],
    ]);

    expect(await statusOf(a)).toEqual({ hash_id: a, status: 'PROCESSING', data: null });
    expect(await statusOf(b, { id_cola: 'job-1' })).toEqual({ hash_id: b, status: 'PROCESSING', data: null });
    expect((await history(a)).map((o: { status: string; queue_id: string }) => [o.status, o.queue_id])).toEqual([
      ['QUEUED', 'job-1'],
    ]);
    const [{ n }] = await t.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM venta WHERE _hash_id IN (${a}, ${b})`;
    expect(n).toBe(0);
    expect((await mty().get('/jobs/job-1').expect(200)).body).toMatchObject({
      id_cola: 'job-1',
      status: 'PROCESSING',
      total: 2,
      queued: 2,
      completed: 0,
      error: 0,
      finished_at: null,
    });

    expect(await drain()).toEqual({ completed: 2, failed: 0 });
    expect(await statusOf(a)).toEqual({ hash_id: a, status: 'COMPLETED', data: { _hash_id: a, _ver: 1, total: 1 } });
    expect(await statusOf(b)).toMatchObject({ status: 'COMPLETED', data: { _hash_id: b, _ver: 1, total: 2 } });
    // The operation is the same row, now COMPLETED (one history entry, not two).
    expect((await history(a)).map((o: { status: string; id: string }) => [o.status, o.id])).toEqual([
      ['COMPLETED', res.body.results[0].operation_id],
    ]);
    const job = (await mty().get('/jobs/job-1').expect(200)).body;
    expect(job).toMatchObject({
      status: 'COMPLETED',
      total: 2,
      queued: 0,
      processing: 0,
      completed: 2,
      error: 0,
      errors: [],
    });
    expect(Date.parse(job.finished_at)).toBeGreaterThanOrEqual(Date.parse(job.accepted_at));
  });

  it('makes up a job id when the client gives none, on the single-record endpoints too', async () => {
    const id = recordId();
    const res = await async(mty().post('/items')).send({ id, total: 3 }).expect(202);
    expect(res.body).toEqual({
      status: 'accepted',
      id_cola: expect.stringMatching(/^job_/),
      hash_id: id,
      operation: 'CREATE',
      operation_id: expect.any(String),
    });
    expect(res.headers.location).toBe(`/jobs/${res.body.id_cola}`);
    const update = await async(mty().put(`/items/${id}`))
      .send({ ver: 2, total: 4, id_cola: 'job-single' })
      .expect(202);
    expect(update.body.id_cola).toBe('job-single');
    const del = await mty().delete(`/tables/venta/items/${id}?ver=3`).set('Prefer', 'respond-async').expect(202);
    expect(del.body.operation).toBe('DELETE');
    expect((await history(id)).map((o: { queue_id: string }) => o.queue_id)).toEqual([
      res.body.id_cola,
      'job-single',
      del.body.id_cola,
    ]);

    await drain();
    expect(await statusOf(id)).toEqual({ hash_id: id, status: 'COMPLETED', note: 'Record was deleted', data: null });
    expect((await history(id)).map((o: { status: string }) => o.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
    ]);
  });

  it('a record the database refuses fails alone: ERROR at once, the others queued and applied; the job lists the error', async () => {
    // Nothing a client can send is refused by the database at acceptance (the app refuses first):
    // a constraint stands in for the unforeseen refusal.
    const [good, bad] = [recordId(), recordId()];
    const body = `{"operations":[{"operation":"CREATE","record":{"id":"${good}","id_cola":"job-err"}},{"operation":"CREATE","record":{"id":"${bad}","poison":true}},{"operation":"CREATE","record":{"n":1}}]}`;
    const res = await whileRefusingPoison(t.prisma, 'sync_operations', () =>
      async(mty().post('/tables/venta/batch')).set('Content-Type', 'application/json').send(body).expect(202),
    );
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['QUEUED', 'ERROR', 'ERROR']);
    expect(res.body.results[1].error).toMatch(/^Could not be stored: .*refuses_poison/);
    expect(res.body).toMatchObject({ id_cola: 'job-err', queued: 1, failed: 2 });
    expect((await statusOf(bad)).status).toBe('ERROR');
    expect(await drain()).toEqual({ completed: 1, failed: 0 });
    const job = (await mty().get('/jobs/job-err').expect(200)).body;
    expect(job).toMatchObject({ status: 'COMPLETED', total: 2, completed: 1, error: 1 });
    expect(job.errors).toEqual([
      {
        table: 'venta',
        hash_id: bad,
        operation: 'CREATE',
        error: res.body.results[1].error,
        operation_id: res.body.results[1].operation_id,
      },
    ]);
  });

  it('refuses a lone UTF-16 surrogate at acceptance by name (json would take it, the worker could not apply it)', async () => {
    const [good, bad] = [recordId(), recordId()];
    const body = `{"operations":[{"operation":"CREATE","record":{"id":"${good}"}},{"operation":"CREATE","record":{"id":"${bad}","text":"\\ud800"}}]}`;
    const res = await async(mty().post('/tables/venta/batch'))
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(202);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['QUEUED', 'ERROR']);
    expect(res.body.results[1].error).toMatch(/^fields must not contain a lone UTF-16 surrogate/);
    expect(await drain()).toEqual({ completed: 1, failed: 0 });
    expect((await statusOf(good)).status).toBe('COMPLETED');
    expect((await statusOf(bad)).status).toBe('ERROR');
  });

  it("GET /jobs counts a job's synchronous operations too, across requests and tables", async () => {
    const [a, b] = [recordId(), recordId()];
    await mty()
      .post('/tables/venta/batch')
      .send({
        operations: [
          { operation: 'CREATE', record: { id: a, id_cola: 'sync-job-1' } },
          { operation: 'CREATE', record: { id: a, id_cola: 'sync-job-1' } }, // duplicate bypassed
          { operation: 'CREATE', record: { id: b, id_cola: 'other-job' } },
        ],
      })
      .expect(200);
    await mty()
      .post('/tables/devolucion/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: b, id_cola: 'sync-job-1' } }] })
      .expect(200);
    expect((await mty().get('/jobs/sync-job-1').expect(200)).body).toMatchObject({
      status: 'COMPLETED',
      total: 3,
      completed: 3,
      error: 0,
    });
    expect((await mty().get('/jobs/other-job').expect(200)).body).toMatchObject({ total: 1, completed: 1 });
  });

  it('GET /jobs is scoped to the client and 404s for an unknown job', async () => {
    await async(mty().post('/items')).send({ id: recordId(), id_cola: 'private-job' }).expect(202);
    await t.as('GDL').get('/jobs/private-job').expect(404);
    await mty().get('/jobs/no-such-job').expect(404);
    await t.as('anonymous').get('/jobs/private-job').expect(401);
    await drain();
  });

  it('refuses bad asynchronous requests with a 400 and writes nothing', async () => {
    const id = recordId();
    await async(mty().post('/items')).send({ id, ver: 0 }).expect(400);
    const mixed = await async(mty().post('/tables/venta/batch'))
      .send({
        operations: [
          { operation: 'CREATE', record: { id, id_cola: 'a' } },
          { operation: 'CREATE', record: { id: recordId(), id_cola: 'b' } },
        ],
      })
      .expect(400);
    expect(mixed.body.message).toMatch(/one job/);
    expect(await history(id)).toEqual([]);
  });
});
