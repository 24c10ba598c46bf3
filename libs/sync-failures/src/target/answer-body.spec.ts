import { readCapped } from './answer-body';

/** A body of `chunks` chunks of 1 KiB that counts how many were read and whether it was destroyed. */
function body(chunks: number) {
  const state = { read: 0, destroyed: false };
  async function* generate() {
    for (let i = 0; i < chunks; i++) {
      state.read++;
      yield Buffer.alloc(1024, 'a');
    }
  }
  const iterable = generate();
  return {
    state,
    stream: Object.assign(iterable, {
      destroy: () => {
        state.destroyed = true;
      },
    }),
  };
}

describe(readCapped.name, () => {
  it('reads a body within the limit whole', async () => {
    const { stream, state } = body(3);
    expect(await readCapped(stream, 4096)).toEqual({ text: 'a'.repeat(3072), overflow: false });
    expect(state.destroyed).toBe(false);
  });

  it('stops reading once the limit is passed: the beginning only, the stream destroyed', async () => {
    const { stream, state } = body(1_000_000);
    const read = await readCapped(stream, 10_000);
    expect(read).toEqual({ text: 'a'.repeat(10_000), overflow: true });
    expect(state.read).toBe(10);
    expect(state.destroyed).toBe(true);
  });

  it('reads nothing of a body announced longer than the limit', async () => {
    const { stream, state } = body(100);
    expect(await readCapped(stream, 10_000, '102400')).toEqual({ text: '', overflow: true });
    expect(state.read).toBe(0);
    expect(state.destroyed).toBe(true);
  });
});
