import { BadRequestException } from '@nestjs/common';
import { resolveDeviceId } from './device';

describe(resolveDeviceId.name, () => {
  const resolve = (value?: unknown) =>
    resolveDeviceId({ headers: value === undefined ? {} : { 'x-device-id': value as string } });

  it('is null without the header (requests behave as before)', () => {
    expect(resolve()).toBeNull();
  });

  it('takes 1 to 64 safe characters', () => {
    expect(resolve('till-2')).toBe('till-2');
    expect(resolve('a')).toBe('a');
    expect(resolve('A.b_c:d-9')).toBe('A.b_c:d-9');
    expect(resolve('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it.each([[''], ['x'.repeat(65)], ['till 2'], ['till/2'], ['tïll'], [['a', 'b']]])(
    'refuses %p with a 400',
    (value) => {
      expect(() => resolve(value)).toThrow(BadRequestException);
    },
  );
});
