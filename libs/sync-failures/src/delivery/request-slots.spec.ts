import { RequestSlots } from './request-slots';

const tick = () => new Promise((r) => setImmediate(r));

describe(RequestSlots.name, () => {
  it('runs at most `size` at once, the rest in arrival order as slots free up', async () => {
    const slots = new RequestSlots(2);
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const runs = [0, 1, 2, 3].map((i) =>
      slots.run(
        () => new Promise<number>((done) => (started.push(i), releases.push(() => done(i)))),
        () => false,
      ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    releases[0]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releases.slice(1).forEach((r) => r());
    await tick();
    releases.slice(3).forEach((r) => r());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('does not start work once stopped, and frees the slot', async () => {
    const slots = new RequestSlots(1);
    let stopped = false;
    let release!: () => void;
    const first = slots.run(
      () => new Promise<string>((done) => (release = () => done('sent'))),
      () => stopped,
    );
    const second = slots.run(
      () => Promise.resolve('never'),
      () => stopped,
    );
    stopped = true;
    release();
    expect(await first).toBe('sent');
    expect(await second).toBeUndefined();
    stopped = false;
    expect(
      await slots.run(
        () => Promise.resolve('again'),
        () => stopped,
      ),
    ).toBe('again');
  });
});
