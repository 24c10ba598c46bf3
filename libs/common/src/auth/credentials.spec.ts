import { bearerSecret, Credentials } from './credentials';

const CLIENTS = [
  { clientId: 'MTY_001', key: 'mty-secret-key-0001' },
  { clientId: 'GDL_002', key: 'gdl-secret-key-0002' },
];
const ADMIN = 'admin-token-0123456789';

describe(Credentials.name, () => {
  const credentials = new Credentials(CLIENTS, ADMIN);

  it('resolves each client key to its own client id', () => {
    expect(credentials.clientFor('mty-secret-key-0001')).toBe('MTY_001');
    expect(credentials.clientFor('gdl-secret-key-0002')).toBe('GDL_002');
  });

  it('resolves no client for an unknown key, of any length, or a near miss', () => {
    for (const secret of [
      'nope',
      'mty-secret-key-000',
      'mty-secret-key-00011',
      'MTY-SECRET-KEY-0001',
      'x'.repeat(5000),
    ]) {
      expect(credentials.clientFor(secret)).toBeUndefined();
    }
  });

  it('keeps client keys and the admin token apart', () => {
    expect(credentials.clientFor(ADMIN)).toBeUndefined();
    expect(credentials.isAdmin('mty-secret-key-0001')).toBe(false);
  });

  it('accepts only the exact admin token', () => {
    expect(credentials.isAdmin(ADMIN)).toBe(true);
    expect(credentials.isAdmin(`${ADMIN} `)).toBe(false);
    expect(credentials.isAdmin(ADMIN.slice(0, -1))).toBe(false);
  });

  it('resolves nobody when no client keys are configured', () => {
    expect(new Credentials([], ADMIN).clientFor('mty-secret-key-0001')).toBeUndefined();
  });
});

describe(bearerSecret.name, () => {
  it.each([
    ['Bearer abc123', 'abc123'],
    ['bearer abc123', 'abc123'],
    ['BEARER   abc123  ', 'abc123'],
  ])('reads the secret of %j', (header, secret) => {
    expect(bearerSecret(header)).toBe(secret);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a bearer without a secret', 'Bearer '],
    ['a secret with a space', 'Bearer abc 123'],
    ['another scheme', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
    ['a bare secret', 'abc123'],
    ['repeated headers', ['Bearer a', 'Bearer b']],
  ])('reads none from %s', (_, header) => {
    expect(bearerSecret(header)).toBeUndefined();
  });
});
