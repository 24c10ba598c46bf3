/**
 * Told of every HTTP answer the app gives, whatever refused the request (a guard, the router, the
 * body parser) or answered it. configureHttp calls it from Fastify's onResponse hook when a
 * provider is registered under HTTP_OBSERVER (the metrics module does).
 */
export interface HttpObserver {
  /** `route` is the matched route pattern (`/tables/:table/batch`) or UNMATCHED_ROUTE, never the URL. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
}

export const HTTP_OBSERVER = Symbol('HTTP_OBSERVER');

/** The route label of a request no route matched (404s, malformed URLs): one value, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';
