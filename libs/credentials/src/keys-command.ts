import { checkValue, parseDuration } from '@app/common';
import { parseArgs } from 'node:util';
import { StoredKey } from './client-key';
import {
  DEVICE_ID_PATTERN,
  KEY_ID_SCHEMA,
  MAX_GRACE_SECONDS,
  MAX_KEY_LIFETIME_SECONDS,
} from './client-keys-request.dto';
import { toClientKeyDto } from './client-keys.controller';
import { ClientKeysService } from './client-keys.service';

export const KEYS_USAGE = `Usage: npm run keys -- <command> [options]
  issue <client_id> [--device <id>] [--label <text>] [--expires <duration>]
      a key for a store, or for one of its devices; printed once (only its hash is stored)
  list [<client_id>] [--device <id>] [--all]
      keys, newest first, never the keys themselves (--all: revoked and expired too)
  rotate <key_id> [--grace <duration>] [--expires <duration>]
      a new key; the old one keeps working for --grace (CLIENT_KEY_ROTATE_GRACE, 24h by default)
  revoke <key_id>
      refused by every instance within seconds
  --json   print JSON instead of text
Durations: 30s, 15m, 24h, 90d.`;

const CLIENT_ID_RULE = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' };
const DEVICE_ID_RULE = { type: 'string', minLength: 1, maxLength: 64, pattern: DEVICE_ID_PATTERN };

class UsageError extends Error {}

/**
 * `npm run keys -- …`: the admin routes' key lifecycle for operators without HTTP tools. Returns
 * the exit code: 0 done, 1 refused (no such key, not rotatable), 2 bad usage.
 */
export async function runKeysCommand(
  argv: string[],
  keys: ClientKeysService,
  print: (line: string) => void,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        device: { type: 'string' },
        label: { type: 'string' },
        expires: { type: 'string' },
        grace: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, target, ...rest] = positionals;
    if (values.help || command === undefined) return usage(print, values.help ? 0 : 2);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const show = (key: StoredKey, secret?: string) => {
      const dto = { ...toClientKeyDto(key, keys.state(key)), ...(secret ? { key: secret } : {}) };
      if (values.json) print(JSON.stringify(dto));
      else print(describe(dto));
    };
    switch (command) {
      case 'issue': {
        const clientId = checked(target, CLIENT_ID_RULE, 'client_id');
        const deviceId = values.device === undefined ? undefined : checked(values.device, DEVICE_ID_RULE, '--device');
        const issued = await keys.issue({
          clientId,
          deviceId,
          label: values.label,
          expiresInMs: duration(values.expires, '--expires', MAX_KEY_LIFETIME_SECONDS),
        });
        if (!values.json) print('Key issued. It is shown this once (only its hash is stored): keep it now.');
        show(issued.stored, issued.key);
        return 0;
      }
      case 'list': {
        const clientId = target === undefined ? undefined : checked(target, CLIENT_ID_RULE, 'client_id');
        const deviceId = values.device === undefined ? undefined : checked(values.device, DEVICE_ID_RULE, '--device');
        const { items, total } = await keys.list({ clientId, deviceId, includeInactive: values.all ?? false }, 1, 500);
        for (const key of items) show(key);
        if (!values.json) print(`${total} key(s)${total > items.length ? `, newest ${items.length} shown` : ''}`);
        return 0;
      }
      case 'rotate': {
        const id = checked(target, KEY_ID_SCHEMA, 'key_id');
        const outcome = await keys.rotate(id, {
          graceMs: duration(values.grace, '--grace', MAX_GRACE_SECONDS, true),
          expiresInMs: duration(values.expires, '--expires', MAX_KEY_LIFETIME_SECONDS),
        });
        if ('refused' in outcome) {
          print(outcome.refused === 'not_found' ? `No key ${id}` : `Key ${id} is revoked or expired: issue a new one`);
          return 1;
        }
        if (!values.json) print('New key issued. It is shown this once (only its hash is stored): keep it now.');
        show(outcome.rotated.next.stored, outcome.rotated.next.key);
        if (!values.json) print('The old key works until its expires_at:');
        show(outcome.rotated.old);
        return 0;
      }
      case 'revoke': {
        const id = checked(target, KEY_ID_SCHEMA, 'key_id');
        const revoked = await keys.revoke(id);
        if (revoked === undefined) {
          print(`No key ${id}`);
          return 1;
        }
        show(revoked);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      print(`${(error as Error).message}\n`);
      return usage(print, 2);
    }
    throw error;
  }
}

function usage(print: (line: string) => void, code: number): number {
  print(KEYS_USAGE);
  return code;
}

function checked(value: string | undefined, rule: object, name: string): string {
  const problem = checkValue(rule, value, name);
  if (problem) throw new UsageError(problem);
  return value!;
}

function duration(text: string | undefined, name: string, maxSeconds: number, zeroAllowed = false): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms > maxSeconds * 1000 || ms < (zeroAllowed ? 0 : 60_000))
    throw new UsageError(
      `${name} must be a duration such as 15m, 24h or 90d (${zeroAllowed ? '0' : '1m'} to ${maxSeconds / 86_400}d)`,
    );
  return ms;
}

function describe(key: ReturnType<typeof toClientKeyDto> & { key?: string }): string {
  const lines = [
    `${key.id}  ${key.client_id}${key.device_id ? ` device ${key.device_id}` : ''}  ${key.status}` +
      `${key.label ? `  "${key.label}"` : ''}`,
    `    created ${key.created_at}  last used ${key.last_used_at ?? 'never'}  expires ${key.expires_at ?? 'never'}` +
      `${key.revoked_at ? `  revoked ${key.revoked_at}` : ''}${key.replaced_by ? `  replaced by ${key.replaced_by}` : ''}`,
  ];
  if (key.key) lines.push(`    key: ${key.key}`);
  return lines.join('\n');
}
