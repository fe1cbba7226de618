import { randomBytes } from 'node:crypto';

/**
 * e-conomic's legacy REST error body (restdocs "Annotated errors"): `message`, `developerHint`,
 * `logId`, `httpStatusCode`, `logTime`, and for validation failures an `errors` tree that
 * mirrors the request payload.
 */
export interface EconomicErrorBody {
  message: string;
  developerHint: string;
  logId: string;
  httpStatusCode: number;
  logTime: string;
  errors?: Record<string, unknown>;
}

export interface FieldError {
  errorCode: string;
  message: string;
  value: unknown;
  developerHint: string;
}

/** Error codes the docs name; the others are the simulator's own (see docs/connectors/economic.md). */
export const ERROR_CODES = {
  notFoundReference: 'E06000',
  tooManyDecimals: 'E04740',
  quantityRequired: 'E04730',
  noIdentifier: 'E04500',
  required: 'E00100',
  tooLong: 'E00200',
  invalidValue: 'E00300',
  conflict: 'E00400',
} as const;

/** Thrown by routes and the store; the simulator's error handler sends `body` with `status`. */
export class EconomicHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: EconomicErrorBody,
  ) {
    super(body.message);
  }
}

export function errorBody(status: number, message: string, developerHint: string, errors?: Record<string, unknown>): EconomicErrorBody {
  const now = new Date();
  return {
    message,
    developerHint,
    logId: `${randomBytes(8).toString('hex')}-CPH`,
    httpStatusCode: status,
    logTime: now.toISOString().slice(0, 19),
    ...(errors ? { errors } : {}),
  };
}

export function httpError(status: number, message: string, developerHint: string, errors?: Record<string, unknown>): EconomicHttpError {
  return new EconomicHttpError(status, errorBody(status, message, developerHint, errors));
}

export function notFound(): EconomicHttpError {
  return httpError(
    404,
    'Resource not found.',
    'The API tries to provide all the resource urls you need. If you have hard coded urls yourself, then try to look at the enclosing collection for hypermedia information on where the resource you are looking for could be.',
  );
}

export function badRequest(message: string, developerHint: string): EconomicHttpError {
  return httpError(400, message, developerHint);
}

export type IssuePath = (string | number)[];

/**
 * Collects field errors and builds the `errors` tree: each failing property becomes
 * `{errors: [...]}`; an array element becomes `{arrayIndex, ...failing properties}`.
 */
export class Issues {
  private readonly tree: Record<string, unknown> = {};
  count = 0;

  add(path: IssuePath, errorCode: string, message: string, value: unknown, developerHint = message): void {
    this.count++;
    let node: Record<string, unknown> = this.tree;
    path.forEach((segment, i) => {
      const next = path[i + 1];
      if (typeof segment === 'number') return;
      if (typeof next === 'number') {
        const list = (node[segment] ??= []) as Record<string, unknown>[];
        let element = list.find((e) => e.arrayIndex === next);
        if (!element) {
          element = { arrayIndex: next };
          list.push(element);
        }
        node = element;
      } else {
        node = (node[segment] ??= {}) as Record<string, unknown>;
      }
    });
    const errors = (node.errors ??= []) as FieldError[];
    errors.push({ errorCode, message, value: value ?? null, developerHint });
  }

  throwIfAny(developerHint = 'Inspect validation errors and correct your request.'): void {
    if (this.count === 0) return;
    throw httpError(400, 'Validation error.', developerHint, this.tree);
  }
}
