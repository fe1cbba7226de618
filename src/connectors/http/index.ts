export * from './errors';
export * from './classify';
export * from './core';
export { parseRetryAfterMs } from './retry-after';
export { redactUrl } from './redact';
