import { PrismaService } from '@app/database';
import { ASYNC_QUEUE_CHANNEL } from './async-ingest.repository';
import { QueueBell } from './queue-bell';

describe(QueueBell.name, () => {
  const setup = () => {
    const sent: ((value?: unknown) => void)[] = [];
    const sql = jest.fn(() => new Promise((resolve) => sent.push(resolve)));
    const bell = new QueueBell({ sql } as unknown as PrismaService);
    const settle = () => new Promise((r) => setImmediate(r));
    return { bell, sql, sent, settle };
  };

  it('sends one NOTIFY at a time: rings meanwhile make exactly one more', async () => {
    const { bell, sql, sent, settle } = setup();
    bell.ring();
    bell.ring();
    bell.ring();
    expect(sql).toHaveBeenCalledTimes(1);
    expect(sql).toHaveBeenCalledWith(expect.stringContaining('pg_notify'), [ASYNC_QUEUE_CHANNEL]);

    sent[0]();
    await settle();
    expect(sql).toHaveBeenCalledTimes(2);
    sent[1]();
    await settle();
    expect(sql).toHaveBeenCalledTimes(2);

    bell.ring(); // idle again: rings at once
    expect(sql).toHaveBeenCalledTimes(3);
  });

  it('keeps ringing after a failed NOTIFY (workers poll meanwhile)', async () => {
    const sql = jest.fn().mockRejectedValueOnce(new Error('connection lost')).mockResolvedValue([]);
    const bell = new QueueBell({ sql } as unknown as PrismaService);
    bell.ring();
    await new Promise((r) => setImmediate(r));
    bell.ring();
    expect(sql).toHaveBeenCalledTimes(2);
  });
});
