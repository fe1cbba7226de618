/**
 * Netvisor asks for one request at a time per customer environment (reference §4.4: overlapping
 * calls cause "various errors"). Queues are shared by every client instance that talks to the
 * same company, keyed by base URL + CustomerId + organisation id.
 */
const tails = new Map<string, Promise<unknown>>();

export function runSerially<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
