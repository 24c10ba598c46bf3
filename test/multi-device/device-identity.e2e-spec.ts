import { recordId } from '@app/testing';
import { useAsyncApp } from '../async/async-kit';

/** Issue 22, part 1: a request names its device with X-Device-Id; the operation log keeps it. */
describe('Device identity (X-Device-Id)', () => {
  const kit = useAsyncApp();
  const history = async (id: string) =>
    (await kit.t.as('MTY').get(`/tables/venta/items/${id}/history`).expect(200)).body.operations as {
      status: string;
      device_id: string | null;
    }[];

  it('is kept with each operation and shown by the history, on every write route', async () => {
    const id = recordId('dev');
    await kit.t.as('MTY').post('/tables/venta/items').set('X-Device-Id', 'till-1').send({ id, n: 1 }).expect(200);
    await kit.t.as('MTY').put(`/items/${id}`).set('X-Device-Id', 'till:2').send({ ver: 2, n: 2 }).expect(200);
    await kit.t.as('MTY').delete(`/items/${id}?ver=3`).set('X-Device-Id', 'tablet.back-office_3').expect(200);
    expect((await history(id)).map((o) => o.device_id)).toEqual(['till-1', 'till:2', 'tablet.back-office_3']);
  });

  it('is null without the header (the requests of today)', async () => {
    const id = recordId('dev');
    await kit.t.as('MTY').post('/items').send({ id, n: 1 }).expect(200);
    expect(await history(id)).toEqual([expect.objectContaining({ status: 'COMPLETED', device_id: null })]);
  });

  it('is kept for a batch, for its rejected entries, and for asynchronous ingest', async () => {
    const [a, b, c] = [recordId('dev'), recordId('dev'), recordId('dev')];
    await kit.t
      .as('MTY')
      .post('/tables/venta/batch')
      .set('X-Device-Id', 'till-4')
      .send({
        operations: [
          { operation: 'CREATE', record: { id: a } },
          { operation: 'CREATE', record: { id: b, _ver: 1 } },
        ],
      })
      .expect(200);
    await kit
      .async(kit.t.as('MTY').post('/tables/venta/batch').set('X-Device-Id', 'till-5'))
      .send({ operations: [{ operation: 'CREATE', record: { id: c } }] })
      .expect(202);
    await kit.drain();
    expect(await history(a)).toEqual([expect.objectContaining({ status: 'COMPLETED', device_id: 'till-4' })]);
    expect(await history(b)).toEqual([expect.objectContaining({ status: 'ERROR', device_id: 'till-4' })]);
    expect(await history(c)).toEqual([expect.objectContaining({ status: 'COMPLETED', device_id: 'till-5' })]);
  });

  it.each([['till 1'], ['x'.repeat(65)], ['till/1']])('refuses %p with a 400 and writes nothing', async (device) => {
    const id = recordId('dev');
    const res = await kit.t.as('MTY').post('/items').set('X-Device-Id', device).send({ id }).expect(400);
    expect(res.body.message).toContain('x-device-id');
    expect(await history(id)).toEqual([]);
  });
});
