import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogService } from './catalog';
import type { FulfilmentService } from './fulfilment';
import { argument, type GraphqlRequest, idempotencyKey, isMutation, requiresIdempotency, selects } from './graphql-args';
import { fulfillmentCreate } from './graphql-fulfilment';
import { inventorySetQuantities, missingChangeFromQuantity, removedInventoryFields } from './graphql-inventory';
import { firstOf, orderFulfillmentOrders, productVariants } from './graphql-queries';
import { toJson } from './json';
import type { CostBucket, ThrottleStatus } from './limits';
import type { ShopEvent } from './models';
import type { ShopifyStore } from './store';

export interface GraphqlDeps {
  store: ShopifyStore;
  catalog: CatalogService;
  fulfilment: FulfilmentService;
  costs: CostBucket;
  /** Fires the webhook events a mutation produced. */
  publish: (events: ShopEvent[]) => void;
  tokenOf: (request: FastifyRequest) => string;
  /** Answers per `operation:key`, kept until the simulator resets. */
  idempotency: Map<string, IdempotentAnswer>;
}

export interface IdempotentAnswer {
  fingerprint: string;
  data: Record<string, unknown>;
}

interface Operation {
  name: string;
  requestedCost: number;
  /** Whether the operation takes `@idempotent(key:)` (mandatory from 2026-04). */
  idempotent: boolean;
  input?: unknown;
  run: (events: ShopEvent[]) => { data: Record<string, unknown>; actualCost: number };
}

/**
 * Calculated query cost: an approximation of Shopify's rules (shopify.dev "GraphQL Admin API
 * rate limits"), since the simulator does not read selection sets. Requested cost is taken
 * from the bucket before running; the difference to the actual cost is given back after.
 *
 * | operation                      | requested                                  | actual                          |
 * |--------------------------------|--------------------------------------------|---------------------------------|
 * | inventorySetQuantities         | 10 + 1 per quantity                        | same                            |
 * | fulfillmentCreate              | 10                                         | 10                              |
 * | productVariants(first: n)      | 2 + n                                      | 2 + variants returned           |
 * | order { fulfillmentOrders(first: f) { lineItems(first: l) } } | 1 + f × (1 + l) | 1 + fulfillment orders + lines returned |
 */
export const MUTATION_COST = 10;

function planOperation(deps: GraphqlDeps, request: GraphqlRequest): Operation | undefined {
  const { store } = deps;
  if (isMutation(request.query)) {
    if (selects(request.query, 'inventorySetQuantities')) return planInventorySet(deps, request);
    if (selects(request.query, 'fulfillmentCreate')) {
      const input = argument(request, 'fulfillmentCreate', 'fulfillment');
      return {
        name: 'fulfillmentCreate',
        requestedCost: MUTATION_COST,
        idempotent: false,
        input,
        run: (events) => ({ data: { fulfillmentCreate: fulfillmentCreate(store, deps.fulfilment, input, events) }, actualCost: MUTATION_COST }),
      };
    }
    return undefined;
  }
  if (selects(request.query, 'productVariants')) {
    return {
      name: 'productVariants',
      requestedCost: 2 + firstOf(request, 'productVariants'),
      idempotent: false,
      run: () => {
        const result = productVariants(store, request);
        return { data: result.data, actualCost: 2 + result.returned };
      },
    };
  }
  if (selects(request.query, 'order') && selects(request.query, 'fulfillmentOrders')) {
    return {
      name: 'order.fulfillmentOrders',
      requestedCost: 1 + firstOf(request, 'fulfillmentOrders') * (1 + firstOf(request, 'lineItems')),
      idempotent: false,
      run: () => {
        const result = orderFulfillmentOrders(store, request);
        return { data: result.data, actualCost: 1 + result.returned };
      },
    };
  }
  return undefined;
}

function planInventorySet(deps: GraphqlDeps, request: GraphqlRequest): Operation {
  const input = argument(request, 'inventorySetQuantities', 'input');
  const quantities = (input as { quantities?: unknown } | undefined)?.quantities;
  const cost = MUTATION_COST + (Array.isArray(quantities) ? quantities.length : 0);
  return {
    name: 'inventorySetQuantities',
    requestedCost: cost,
    idempotent: true,
    input,
    run: (events) => ({ data: { inventorySetQuantities: inventorySetQuantities(deps.store, deps.catalog, input, events) }, actualCost: cost }),
  };
}

/** `POST /admin/api/{version}/graphql.json`: the operations rackbridge uses, with cost accounting. */
export function registerGraphql(app: FastifyInstance, deps: GraphqlDeps): void {
  const idempotent = deps.idempotency;

  app.post('/admin/api/:version/graphql.json', async (request: FastifyRequest, reply: FastifyReply) => {
    const { version } = request.params as { version: string };
    const body = (request.body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof body.query !== 'string' || body.query.trim() === '') return reply.code(400).send({ errors: { query: 'Required parameter missing or invalid' } });
    const gql: GraphqlRequest = { query: body.query, variables: body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {} };
    const operation = planOperation(deps, gql);
    if (!operation) return reply.send({ errors: [{ message: 'This operation is not simulated by the rackbridge sandbox.', extensions: { code: 'NOT_SIMULATED' } }] });

    const key = operation.idempotent ? idempotencyKey(gql) : undefined;
    if (operation.idempotent && (typeof key !== 'string' || key === '') && requiresIdempotency(version)) {
      // Message and code unconfirmed upstream: the changelog only says calls without the key fail at runtime.
      return reply.send({ data: { [operation.name]: null }, errors: [{ message: `The @idempotent directive with a key is required for ${operation.name}.`, path: [operation.name], extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' } }] });
    }

    if (operation.name === 'inventorySetQuantities') {
      const refused = refuseInventoryInput(operation.input, version);
      if (refused) return reply.send(refused);
    }

    const token = deps.tokenOf(request);
    const taken = deps.costs.take(token, operation.requestedCost);
    if (!taken.ok) {
      return reply.send({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: cost(operation.requestedCost, null, taken.status) },
      });
    }

    const scopedKey = typeof key === 'string' && key !== '' ? `${operation.name}:${key}` : undefined;
    const fingerprint = toJson(operation.input ?? null);
    const previous = scopedKey === undefined ? undefined : idempotent.get(scopedKey);
    if (previous && previous.fingerprint !== fingerprint) {
      const status = deps.costs.refund(token, operation.requestedCost);
      // A user error, not a top-level one (InventorySetQuantitiesUserErrorCode, 2026-01+).
      const mismatch = { inventoryAdjustmentGroup: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: 'The same idempotency key cannot be used with different operation parameters.' }] };
      return reply.send({ data: { [operation.name]: mismatch }, extensions: { cost: cost(operation.requestedCost, 0, status) } });
    }
    if (previous) {
      // A replay answers what the first call answered and changes nothing.
      return reply.send({ data: previous.data, extensions: { cost: cost(operation.requestedCost, operation.requestedCost, taken.status) } });
    }
    const events: ShopEvent[] = [];
    const result = operation.run(events);
    if (scopedKey !== undefined) idempotent.set(scopedKey, { fingerprint, data: result.data });
    deps.publish(events);
    const status = deps.costs.refund(token, Math.max(0, operation.requestedCost - result.actualCost));
    return reply.send({ data: result.data, extensions: { cost: cost(operation.requestedCost, result.actualCost, status) } });
  });
}

/**
 * The 2026-04 refusals of the old compare-and-set form. Removed fields fail variable coercion, in
 * graphql-ruby's shape (`problems` with path and explanation), with no `data`. A quantity without
 * `changeFromQuantity` fails at runtime; its message and code are unconfirmed upstream (the
 * changelog only says it "will result in an error at runtime").
 */
function refuseInventoryInput(input: unknown, version: string): Record<string, unknown> | undefined {
  const problems = removedInventoryFields(input, version);
  if (problems.length > 0) {
    return { errors: [{ message: `Variable $input of type InventorySetQuantitiesInput! was provided invalid value for ${problems.map((p) => p.path.join('.')).join(', ')} (${problems[0]?.explanation ?? ''})`, extensions: { value: input, problems } }] };
  }
  const missing = missingChangeFromQuantity(input, version);
  if (missing.length > 0) {
    return { data: { inventorySetQuantities: null }, errors: [{ message: `changeFromQuantity is required on every quantity (an integer, or null to skip the check); missing on quantities ${missing.join(', ')}.`, path: ['inventorySetQuantities'], extensions: { code: 'BAD_REQUEST' } }] };
  }
  return undefined;
}

function cost(requested: number, actual: number | null, throttleStatus: ThrottleStatus): Record<string, unknown> {
  return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus };
}
