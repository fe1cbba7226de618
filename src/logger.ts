import pino, { type Logger } from 'pino';

/** JSON logs with credentials redacted wherever they could appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'rackbridge' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["rackbeat-webhook-token"]',
        'req.headers["x-appsecrettoken"]',
        'req.headers["x-agreementgranttoken"]',
        '*.apiToken',
        '*.token',
        '*.appSecretToken',
        '*.agreementGrantToken',
      ],
      censor: '[redacted]',
    },
  });
}
