import { WorkLoop } from './work-loop';

describe(WorkLoop.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('goes straight on while a pass finds work, then waits the interval; an error is reported and the loop goes on', async () => {
    const answers: (boolean | Error)[] = [true, true, false, new Error('boom'), false];
    const errors: string[] = [];
    let passes = 0;
    const loop = new WorkLoop(
      async () => {
        const answer = answers[passes++];
        if (answer instanceof Error) throw answer;
        return answer ?? false;
      },
      1_000,
      (error) => errors.push(error.message),
    );
    loop.start();

    await jest.advanceTimersByTimeAsync(10);
    expect(passes).toBe(3); // two with work, then one without
    await jest.advanceTimersByTimeAsync(985);
    expect(passes).toBe(3);
    await jest.advanceTimersByTimeAsync(10);
    expect(passes).toBe(4);
    expect(errors).toEqual(['boom']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(5);
    await loop.stop();
  });

  it('wake() runs the loops waiting out their interval at once', async () => {
    let passes = 0;
    const loop = new WorkLoop(
      async () => (passes++, false),
      60_000,
      () => undefined,
    );
    loop.start(2);
    await jest.advanceTimersByTimeAsync(10);
    expect(passes).toBe(2);

    loop.wake();
    await jest.advanceTimersByTimeAsync(10);
    expect(passes).toBe(4); // both loops, long before the interval
    await jest.advanceTimersByTimeAsync(59_000);
    expect(passes).toBe(4); // and then they wait a whole interval again
    await loop.stop();
  });

  it('stop() cancels what is scheduled and waits for the pass in flight', async () => {
    let finish!: () => void;
    let passes = 0;
    const loop = new WorkLoop(
      () => {
        passes++;
        return new Promise<boolean>((done) => (finish = () => done(true)));
      },
      1_000,
      () => undefined,
    );
    loop.start(1);
    await jest.advanceTimersByTimeAsync(10);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(passes).toBe(1);
  });
});
