import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { CatalogService } from './catalog';
import type { FulfilmentService } from './fulfilment';
import { fulfillmentCreate } from './graphql-fulfilment';
import { inventorySetQuantities, missingChangeFromQuantity } from './graphql-inventory';
import { orderById, productVariants } from './graphql-queries';
import { isApi202604OrLater } from './graphql-schema';
import { toJson } from './json';
import type { ShopEvent } from './models';
import type { ShopifyStore } from './store';

export interface IdempotentAnswer {
  fingerprint: string;
  /** The payload the first call answered; a replay answers it again, selected anew. */
  payload: unknown;
}

export interface ResolverDeps {
  store: ShopifyStore;
  catalog: CatalogService;
  fulfilment: FulfilmentService;
  /** Answers per `operation:key`, kept until the simulator resets. */
  idempotency: Map<string, IdempotentAnswer>;
}

/** Per request: the API version, the webhook events mutations produced, and the actual cost per root field. */
export interface GraphqlContext {
  version: string;
  events: ShopEvent[];
  actualCost: Map<string, number>;
}

/** The response key of the root field a resolver runs under. */
function rootKey(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  return String(path.key);
}

function addCost(context: GraphqlContext, info: GraphQLResolveInfo, points: number): void {
  const key = rootKey(info);
  context.actualCost.set(key, (context.actualCost.get(key) ?? 0) + points);
}

/** The key of `@idempotent(key:)` on the field being resolved, or undefined. */
function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return undefined;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === 'string' && values.key !== '' ? values.key : undefined;
}

/** Root resolvers: graphql-js has validated and coerced the arguments; business rules live here. */
export function rootResolvers(deps: ResolverDeps): Record<string, unknown> {
  const { store } = deps;
  return {
    productVariants(args: { first?: number; query?: string }, context: GraphqlContext, info: GraphQLResolveInfo) {
      const result = productVariants(store, args);
      addCost(context, info, 2 + result.returned);
      return result.connection;
    },

    order(args: { id: string }, context: GraphqlContext, info: GraphQLResolveInfo) {
      addCost(context, info, 1);
      // Nested connections count what they return under the same root field.
      const rootInfo = info;
      return orderById(store, args.id, (returned) => addCost(context, rootInfo, returned));
    },

    fulfillmentCreate(args: { fulfillment: unknown }, context: GraphqlContext, info: GraphQLResolveInfo) {
      addCost(context, info, 10);
      return fulfillmentCreate(store, deps.fulfilment, args.fulfillment, context.events);
    },

    inventorySetQuantities(args: { input: { quantities?: unknown[] } }, context: GraphqlContext, info: GraphQLResolveInfo) {
      const key = idempotencyKey(info);
      const refused = (message: string, code: string): GraphQLError => {
        context.actualCost.set(rootKey(info), 0);
        return new GraphQLError(message, { extensions: { code } });
      };
      // Message and code unconfirmed upstream: the changelog only says calls without the key fail at runtime.
      if (key === undefined && isApi202604OrLater(context.version)) throw refused('The @idempotent directive with a key is required for inventorySetQuantities.', 'IDEMPOTENCY_KEY_REQUIRED');
      const missing = missingChangeFromQuantity(args.input, context.version);
      // Message and code unconfirmed upstream (the changelog says "an error at runtime").
      if (missing.length > 0) throw refused(`changeFromQuantity is required on every quantity (an integer, or null to skip the check); missing on quantities ${missing.join(', ')}.`, 'BAD_REQUEST');

      const scopedKey = key === undefined ? undefined : `inventorySetQuantities:${key}`;
      const fingerprint = toJson(args.input);
      const previous = scopedKey === undefined ? undefined : deps.idempotency.get(scopedKey);
      if (previous && previous.fingerprint !== fingerprint) {
        context.actualCost.set(rootKey(info), 0);
        // A user error, not a top-level one (InventorySetQuantitiesUserErrorCode, 2026-01+).
        return { inventoryAdjustmentGroup: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: 'The same idempotency key cannot be used with different operation parameters.' }] };
      }
      addCost(context, info, 10 + (args.input.quantities?.length ?? 0));
      // A replay answers what the first call answered and changes nothing.
      if (previous) return previous.payload;
      const payload = inventorySetQuantities(store, deps.catalog, args.input, context.events);
      if (scopedKey !== undefined) deps.idempotency.set(scopedKey, { fingerprint, payload });
      return payload;
    },
  };
}
