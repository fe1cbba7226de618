import type { FastifyInstance } from 'fastify';

/** What the delivery control routes need from a simulator's webhook dispatcher. */
export interface DeliveryControl<Filter> {
  list(filter: Filter): unknown[];
  flush(): Promise<unknown[]>;
  idle(): Promise<void>;
}

/**
 * `GET /deliveries` (the log, filtered by `filterOf(query)`), `POST /deliveries/flush` (sends what
 * waits for a timer now and answers once all attempts are done) and `POST /deliveries/wait`
 * (answers once no attempt is in flight; first attempts are asynchronous).
 */
export function registerDeliveryRoutes<Filter>(app: FastifyInstance, dispatcher: DeliveryControl<Filter>, filterOf: (query: unknown) => Filter): void {
  app.get('/deliveries', async (request) => ({ deliveries: dispatcher.list(filterOf(request.query)) }));

  app.post('/deliveries/flush', async () => {
    const flushed = await dispatcher.flush();
    return { flushed: flushed.length, deliveries: flushed };
  });

  app.post('/deliveries/wait', async () => {
    await dispatcher.idle();
    return { ok: true };
  });
}
