/** The GraphQL documents rackbridge sends; every input comes as a variable. */

export const INVENTORY_SET_QUANTITIES = `mutation InventorySetQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { createdAt reason changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { field message code }
  }
}`;

export const FULFILLMENT_CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id name status createdAt trackingInfo { number url company } }
    userErrors { field message }
  }
}`;

export const PRODUCT_VARIANTS_BY_SKU = `query ProductVariantsBySku($first: Int!, $query: String!) {
  productVariants(first: $first, query: $query) {
    nodes { id sku inventoryItem { id } product { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
