import type { FastifyInstance } from 'fastify';

/**
 * Replaces Fastify's JSON parser: an empty body with a JSON content type means no body (Fastify
 * would answer 400), and bad JSON fails with the simulated system's own error, `malformed(err)`.
 */
export function parseJsonBodies(app: FastifyInstance, malformed: (err: Error) => Error): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (err) {
      done(malformed(err as Error), undefined);
    }
  });
}
