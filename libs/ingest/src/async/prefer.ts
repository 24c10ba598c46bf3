/**
 * Whether a `Prefer` header (RFC 7240) asks for asynchronous handling: a `respond-async` preference
 * among comma-separated preferences, each possibly with `;` parameters, case-insensitive.
 */
export function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((value) =>
    value
      .split(',')
      .some((preference) => preference.split(';')[0].split('=')[0].trim().toLowerCase() === 'respond-async'),
  );
}
