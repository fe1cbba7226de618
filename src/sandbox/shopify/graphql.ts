import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { execute, GraphQLError, getOperationAST, getVariableValues, parse } from 'graphql';
import { requestedCosts } from './graphql-cost';
import { syntaxError, validationErrors, variableErrors } from './graphql-errors';
import { type GraphqlContext, type ResolverDeps, rootResolvers } from './graphql-resolvers';
import { schemaFor } from './graphql-schema';
import type { CostBucket, ThrottleStatus } from './limits';
import type { ShopEvent } from './models';

export type { IdempotentAnswer } from './graphql-resolvers';

export interface GraphqlDeps extends ResolverDeps {
  costs: CostBucket;
  /** Fires the webhook events a mutation produced. */
  publish: (events: ShopEvent[]) => void;
  tokenOf: (request: FastifyRequest) => string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `POST /admin/api/{version}/graphql.json`: a graphql-js server on the schema of the subset rackbridge
 * uses (graphql-schema.ts), for that version. A document that does not parse, validate or match its
 * variables is answered 200 with Shopify-shaped `errors` and no `data`, before any cost is taken;
 * a valid one pays its requested cost (or is THROTTLED), runs, and gets back what it did not use.
 */
export function registerGraphql(app: FastifyInstance, deps: GraphqlDeps): void {
  const roots = rootResolvers(deps);

  app.post('/admin/api/:version/graphql.json', async (request: FastifyRequest, reply: FastifyReply) => {
    const { version } = request.params as { version: string };
    const body = isRecord(request.body) ? request.body : {};
    if (typeof body.query !== 'string' || body.query.trim() === '') return reply.code(400).send({ errors: { query: 'Required parameter missing or invalid' } });
    const variables = isRecord(body.variables) ? body.variables : {};
    const operationName = typeof body.operationName === 'string' && body.operationName !== '' ? body.operationName : undefined;
    const schema = schemaFor(version);

    let document;
    try {
      document = parse(body.query);
    } catch (err) {
      if (err instanceof GraphQLError) return reply.send({ errors: [syntaxError(err)] });
      throw err;
    }
    const invalid = validationErrors(schema, document);
    if (invalid.length > 0) return reply.send({ errors: invalid });
    const operation = getOperationAST(document, operationName);
    if (!operation) return reply.send({ errors: [{ message: operationName ? `No operation named "${operationName}"` : 'An operation name is required' }] });
    const badVariables = variableErrors(schema, operation, variables);
    if (badVariables.length > 0) return reply.send({ errors: badVariables });
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { hideSuggestions: true });
    if (coerced.errors) return reply.send({ errors: coerced.errors.map((e) => e.toJSON()) });

    const requested = requestedCosts(schema, operation, coerced.variableValues);
    const requestedTotal = [...requested.values()].reduce((a, b) => a + b, 0);
    const token = deps.tokenOf(request);
    const taken = deps.costs.take(token, requestedTotal);
    if (!taken.ok) {
      return reply.send({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: cost(requestedTotal, null, taken.status) },
      });
    }

    const context: GraphqlContext = { version, events: [], actualCost: new Map() };
    const result = await execute({ schema, document, rootValue: roots, contextValue: context, variableValues: variables, ...(operationName ? { operationName } : {}) });
    deps.publish(context.events);
    const actualTotal = [...requested.entries()].reduce((sum, [key, points]) => sum + (context.actualCost.get(key) ?? points), 0);
    const status = deps.costs.refund(token, Math.max(0, requestedTotal - actualTotal));
    return reply.send({
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
      data: plain(result.data),
      extensions: { cost: cost(requestedTotal, actualTotal, status) },
    });
  });
}

/** graphql-js builds results on null-prototype objects; copy them into plain JSON values. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function cost(requested: number, actual: number | null, throttleStatus: ThrottleStatus): Record<string, unknown> {
  return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus };
}
