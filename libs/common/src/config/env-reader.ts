import { validateCronExpression } from 'cron';
import { parseDuration } from '../time/duration';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads environment variables into typed values, collecting every problem so that one start-up
 * reports all bad variables at once. Messages name the variable but never echo secret values.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Record<string, string | undefined>) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      return this.fail(name, `must be an integer from ${min} to ${max}, got "${text}"`, fallback);
    }
    return value;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) {
      return this.fail(name, `must be a number from ${min} to ${max}, got "${text}"`, fallback);
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const text = this.raw(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(text)) return true;
    if (['false', '0', 'no', 'off'].includes(text)) return false;
    return this.fail(name, `must be true or false, got "${text}"`, fallback);
  }

  duration(name: string, fallback: string, minMs = 1): number {
    const text = this.raw(name) ?? fallback;
    const value = parseDuration(text);
    if (value === undefined || value < minMs) {
      return this.fail(
        name,
        `must be a duration such as 500ms, 10s, 5m, 2h or 7d (at least ${minMs}ms), got "${text}"`,
        parseDuration(fallback)!,
      );
    }
    return value;
  }

  durations(name: string, fallback: string): number[] {
    const text = this.raw(name) ?? fallback;
    const values = text.split(',').map((part) => parseDuration(part));
    if (values.length === 0 || values.some((v) => v === undefined || v <= 0)) {
      return this.fail(
        name,
        `must be a comma-separated list of durations such as 5m,15m,30m, got "${text}"`,
        fallback.split(',').map((p) => parseDuration(p)!),
      );
    }
    return values as number[];
  }

  cron(name: string, fallback: string): string {
    const text = this.raw(name) ?? fallback;
    if (!validateCronExpression(text).valid)
      return this.fail(name, `is not a valid cron expression: "${text}"`, fallback);
    return text;
  }

  url(name: string, protocols: string[]): string | undefined {
    const text = this.raw(name);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if (!protocols.includes(url.protocol)) throw new Error('protocol');
      return text;
    } catch {
      return this.fail(name, `must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`, undefined);
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.raw(name) ?? fallback;
    if (!allowed.includes(text as T))
      return this.fail(name, `must be one of ${allowed.join(', ')}, got "${text}"`, fallback);
    return text as T;
  }

  fail<T>(name: string, message: string, fallback: T): T {
    this.problems.push(`${name} ${message}`);
    return fallback;
  }
}
