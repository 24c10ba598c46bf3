import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { apiWithWhoAmI, whoami } from './credentials-kit';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const AUDIENCE = 'resync-test';

const hs256 = (
  claims: Record<string, unknown>,
  options: { secret?: string; audience?: string; expires?: string | number } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setAudience(options.audience ?? AUDIENCE)
    .setExpirationTime(options.expires ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));

/** Tokens from an identity provider (AUTH_JWT_*): off by default, then checked in full. */
describe('Tokens (JWT)', () => {
  describe('with a shared secret (HS256)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        module: apiWithWhoAmI,
        env: { AUTH_JWT_SECRET: SECRET, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_CLIENT_CLAIM: 'store' },
      });
    });
    afterAll(() => t.close());

    it('accepts a valid token: the store and device come from its claims', async () => {
      const token = await hs256({ store: 'MTY_001', device_id: 'till-2' });
      expect((await whoami(t, token).expect(200)).body).toEqual({ clientId: 'MTY_001', deviceId: 'till-2' });
      expect((await whoami(t, await hs256({ store: 'GDL_002' })).expect(200)).body).toEqual({
        clientId: 'GDL_002',
        deviceId: null,
      });
      await whoami(t, token, { 'X-Device-Id': 'till-3' }).expect(403);
    });

    it('says when a token expired (401 token_expired, WWW-Authenticate), so a client refreshes instead of looping', async () => {
      const expired = await hs256({ store: 'MTY_001' }, { expires: Math.floor(Date.now() / 1000) - 10 });
      const answer = await whoami(t, expired).expect(401);
      expect(answer.body).toMatchObject({
        code: 'token_expired',
        message: 'The token expired: get a new one and retry',
      });
      expect(answer.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token", error_description="The token expired"',
      );
    });

    it.each([
      ['a wrong signature', () => hs256({ store: 'MTY_001' }, { secret: 'another-secret-of-at-least-32-characters' })],
      ['a wrong audience', () => hs256({ store: 'MTY_001' }, { audience: 'someone-else' })],
      ['no store claim', () => hs256({ client_id: 'MTY_001' })],
      ['an unusable store claim', () => hs256({ store: 'MTY 001' })],
      [
        'no expiry',
        () =>
          new SignJWT({ store: 'MTY_001' })
            .setProtectedHeader({ alg: 'HS256' })
            .setAudience(AUDIENCE)
            .sign(new TextEncoder().encode(SECRET)),
      ],
      [
        'alg none',
        async () =>
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ store: 'MTY_001', aud: AUDIENCE, exp: 9e9 })).toString('base64url')}.x`,
      ],
    ])('refuses a token with %s (401 token_invalid)', async (_, make) => {
      const answer = await whoami(t, await make()).expect(401);
      expect(answer.body.code).toBe('token_invalid');
    });

    it('keeps accepting API_KEYS keys', async () => {
      await whoami(t, TEST_CLIENTS.MTY.key).expect(200);
    });
  });

  describe('against a JWKS URL (RS256)', () => {
    let t: TestApp;
    let jwks: Server;
    let privateKey: CryptoKey;
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = createServer((_, res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
      t = await createTestApp({ module: apiWithWhoAmI, env: { AUTH_JWT_JWKS_URL: url, AUTH_JWT_AUDIENCE: AUDIENCE } });
    });
    afterAll(async () => {
      await t.close();
      jwks.close();
    });

    const rs256 = (key: CryptoKey, kid = 'k1') =>
      new SignJWT({ client_id: 'GDL_002', device_id: 'till-1' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(key);

    it('accepts a token signed by a published key and refuses one signed by another', async () => {
      expect((await whoami(t, await rs256(privateKey)).expect(200)).body).toEqual({
        clientId: 'GDL_002',
        deviceId: 'till-1',
      });
      const stranger = await generateKeyPair('RS256');
      expect((await whoami(t, await rs256(stranger.privateKey)).expect(401)).body.code).toBe('token_invalid');
      // An HS256 token is not accepted where the provider signs with RS256.
      expect((await whoami(t, await hs256({ client_id: 'GDL_002' })).expect(401)).body.code).toBe('token_invalid');
    });
  });

  it('is off by default: a token is just an unknown key', async () => {
    const t = await createTestApp({ module: apiWithWhoAmI });
    try {
      expect((await whoami(t, await hs256({ store: 'MTY_001' })).expect(401)).body.message).toBe('Unknown client key');
    } finally {
      await t.close();
    }
  });
});
