import { type FieldNode, getArgumentValues, type GraphQLObjectType, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode, type VariableValues } from 'graphql';
import { pageSize } from './graphql-queries';

/**
 * Requested query cost per root field, before running: an approximation of Shopify's calculated
 * cost (shopify.dev "GraphQL Admin API rate limits": objects 1, connections sized by `first`,
 * mutations 10). The actual cost, counted by the resolvers from what came back, replaces it after.
 *
 * | root field                     | requested                          | actual                                  |
 * |--------------------------------|------------------------------------|-----------------------------------------|
 * | inventorySetQuantities         | 10 + 1 per quantity                | same (0 when refused before running)    |
 * | fulfillmentCreate              | 10                                 | 10                                      |
 * | productVariants(first: n)      | 2 + n                              | 2 + variants returned                   |
 * | order { fulfillmentOrders(first: f) { nodes { lineItems(first: l) } } } | 1 + f × (1 + l) | 1 + fulfillment orders + lines returned |
 */
export const MUTATION_COST = 10;

function fieldNamed(selectionSet: SelectionSetNode | undefined, name: string): FieldNode | undefined {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) return selection;
  }
  return undefined;
}

function args(type: GraphQLObjectType | null | undefined, node: FieldNode, variables: VariableValues): Record<string, unknown> {
  const def = type?.getFields()[node.name.value];
  return def ? getArgumentValues(def, node, variables) : {};
}

/** Requested cost per response key of each root field of the (validated) operation. */
export function requestedCosts(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: VariableValues): Map<string, number> {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const costs = new Map<string, number>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const values = args(root, selection, variables);
    switch (selection.name.value) {
      case 'inventorySetQuantities': {
        const quantities = (values.input as { quantities?: unknown[] } | undefined)?.quantities;
        costs.set(key, MUTATION_COST + (quantities?.length ?? 0));
        break;
      }
      case 'fulfillmentCreate':
        costs.set(key, MUTATION_COST);
        break;
      case 'productVariants':
        costs.set(key, 2 + pageSize(values.first));
        break;
      case 'order': {
        const fosNode = fieldNamed(selection.selectionSet, 'fulfillmentOrders');
        const fos = fosNode ? pageSize(args(schema.getType('Order') as GraphQLObjectType, fosNode, variables).first) : 0;
        const linesNode = fieldNamed(fieldNamed(fosNode?.selectionSet, 'nodes')?.selectionSet, 'lineItems');
        const lines = linesNode ? pageSize(args(schema.getType('FulfillmentOrder') as GraphQLObjectType, linesNode, variables).first) : 0;
        costs.set(key, 1 + fos * (1 + lines));
        break;
      }
      default:
        costs.set(key, 1);
    }
  }
  return costs;
}
