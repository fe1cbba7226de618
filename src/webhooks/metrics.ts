import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics served at GET /metrics. */
export function createWebhookMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    deliveries: new Counter({
      name: 'rackbridge_webhook_deliveries_total',
      help: 'Webhook deliveries by source and HTTP status answered',
      labelNames: ['source', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'rackbridge_webhook_ack_seconds',
      help: 'Time from request to durable acknowledgement',
      labelNames: ['source'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
  };
}

export type WebhookMetrics = ReturnType<typeof createWebhookMetrics>;
