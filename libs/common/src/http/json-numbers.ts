/**
 * Numbers a JavaScript double cannot hold as written. JSON.parse turns `1e400` into Infinity
 * (stored as null), `1e-400` into 0 and `12345678901234567890123` into 1.2345678901234568e+22,
 * silently; the API refuses them instead (README "HTTP API"), naming the field. A number is kept
 * when its decimal value is the double's: `10.50`, `1E2` and `0.1` are kept (as 10.5, 100 and 0.1).
 */

/** Cheap pre-check: only an exponent or 16+ digits can lose a value; most bodies skip the scan. */
const MAYBE_LOSSY = /\d[eE]|[\d.]{16}/;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export interface LossyNumber {
  /** The key the number is the value of (or inside, for an array); undefined at the top level. */
  field?: string;
  /** The number as written (at most 40 characters of it). */
  text: string;
}

/** The first number in `json` (valid JSON text) a double would change, or undefined. */
export function findLossyNumber(json: string): LossyNumber | undefined {
  if (!MAYBE_LOSSY.test(json)) return undefined;
  const keys: (string | undefined)[] = [];
  let key: string | undefined;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (char === 0x22) {
      const end = stringEnd(json, i);
      let next = end + 1;
      while (next < json.length && json.charCodeAt(next) <= 0x20) next++;
      if (json[next] === ':') key = JSON.parse(json.slice(i, end + 1)) as string;
      i = end;
    } else if (char === 0x7b || char === 0x5b) keys.push(key);
    else if (char === 0x7d || char === 0x5d) key = keys.pop();
    else if (char === 0x2d || (char >= 0x30 && char <= 0x39)) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(json)![0];
      if (!keepsValue(text)) return { field: key ?? keys.findLast((k) => k !== undefined), text: text.slice(0, 40) };
      i += text.length - 1;
    }
  }
  return undefined;
}

/** Index of the quote closing the string opening at `start`. */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (char === 0x5c) i++;
    else if (char === 0x22) return i;
  }
  return json.length;
}

/** Whether the double JSON.parse makes of `text` has exactly the decimal value written. */
export function keepsValue(text: string): boolean {
  const value = Number(text);
  if (!Number.isFinite(value)) return false;
  return decimal(text) === decimal(String(value));
}

/** A canonical form of a decimal number: sign, significant digits, exponent (`0` for any zero). */
function decimal(text: string): string {
  const [, sign, int, fraction = '', exponent = '0'] = DECIMAL.exec(text)!;
  let digits = int + fraction;
  let point = int.length + Number(exponent);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  point -= leading;
  return digits === '' ? '0' : `${sign}${digits}e${point}`;
}

/** Why the API refuses a number (a 400's message), or undefined when every number in `json` is kept. */
export function lossyNumberProblem(json: string): string | undefined {
  const lossy = findLossyNumber(json);
  if (!lossy) return undefined;
  const where = lossy.field === undefined ? '' : ` in field "${lossy.field.slice(0, 64)}"`;
  return `The number ${lossy.text}${where} cannot be kept exactly as sent (a JSON number must be one a 64-bit double holds as written): send it as a string`;
}
