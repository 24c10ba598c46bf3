import { parseDuration } from './duration';

describe(parseDuration.name, () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1500', 1500],
    [' 1.5s ', 1500],
  ])('reads %p as %p ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '5 minutes', '-5m', '5x', 'm'])('rejects %p', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
