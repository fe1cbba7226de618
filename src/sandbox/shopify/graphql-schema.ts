import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The subset of Shopify's GraphQL Admin API that rackbridge uses, transcribed (names, types,
 * nullability, arguments) from the shopify.dev reference for 2026-04 (`docs/api/admin-graphql/2026-04`:
 * QueryRoot.productVariants, QueryRoot.order, Order.fulfillmentOrders, FulfillmentOrder,
 * FulfillmentOrderLineItem, ProductVariant, InventoryItem, Mutation.inventorySetQuantities,
 * InventorySetQuantitiesInput, InventoryQuantityInput, InventorySetQuantitiesPayload,
 * InventoryAdjustmentGroup, InventoryChange, InventorySetQuantitiesUserErrorCode,
 * Mutation.fulfillmentCreate, FulfillmentInput, FulfillmentOrderLineItemsInput,
 * FulfillmentTrackingInput, Fulfillment, FulfillmentTrackingInfo, the `@idempotent` directive).
 * Fields rackbridge never reads are left out: asking for them is an `undefinedField` error here,
 * though Shopify would answer — the simulator is narrower than Shopify, never wider.
 */
const COMMON = /* GraphQL */ `
  "Shopify's idempotency directive (changelog 'Adding idempotency for inventory adjustments and refund mutations', 2026-01; mandatory on inventorySetQuantities from 2026-04)."
  directive @idempotent(key: String!) on FIELD

  scalar DateTime
  scalar Money
  scalar URL
  scalar UnsignedInt64

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type QueryRoot {
    productVariants(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, query: String, savedSearchId: ID): ProductVariantConnection!
    order(id: ID!): Order
  }

  type Product {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    handle: String!
  }

  type ProductVariant {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
    title: String!
    price: Money!
    inventoryItem: InventoryItem!
    product: Product!
  }

  type ProductVariantEdge {
    cursor: String!
    node: ProductVariant!
  }

  type ProductVariantConnection {
    edges: [ProductVariantEdge!]!
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  type InventoryItem {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
    tracked: Boolean!
  }

  type Location {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
  }

  type LineItem {
    id: ID!
    sku: String
  }

  type Order {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    fulfillmentOrders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, displayable: Boolean = false, query: String): FulfillmentOrderConnection!
  }

  enum FulfillmentOrderStatus {
    CANCELLED
    CLOSED
    INCOMPLETE
    IN_PROGRESS
    ON_HOLD
    OPEN
    SCHEDULED
  }

  type FulfillmentOrderAssignedLocation {
    location: Location
  }

  type FulfillmentOrder {
    id: ID!
    status: FulfillmentOrderStatus!
    assignedLocation: FulfillmentOrderAssignedLocation!
    lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): FulfillmentOrderLineItemConnection!
  }

  type FulfillmentOrderConnection {
    nodes: [FulfillmentOrder!]!
    pageInfo: PageInfo!
  }

  type FulfillmentOrderLineItem {
    id: ID!
    totalQuantity: Int!
    remainingQuantity: Int!
    lineItem: LineItem!
  }

  type FulfillmentOrderLineItemConnection {
    nodes: [FulfillmentOrderLineItem!]!
    pageInfo: PageInfo!
  }

  type Mutation {
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  }

  type InventoryChange {
    name: String!
    delta: Int!
    quantityAfterChange: Int
    ledgerDocumentUri: String
    item: InventoryItem
    location: Location
  }

  type InventoryAdjustmentGroup {
    id: ID!
    createdAt: DateTime!
    reason: String!
    referenceDocumentUri: String
    changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]!
  }

  enum InventorySetQuantitiesUserErrorCode {
    CHANGE_FROM_QUANTITY_STALE
    COMPARE_QUANTITY_REQUIRED
    COMPARE_QUANTITY_STALE
    IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
    INVALID_INVENTORY_ITEM
    INVALID_LOCATION
    INVALID_NAME
    INVALID_QUANTITY_NEGATIVE
    INVALID_QUANTITY_TOO_HIGH
    INVALID_QUANTITY_TOO_LOW
    INVALID_REASON
    INVALID_REFERENCE_DOCUMENT
    ITEM_NOT_STOCKED_AT_LOCATION
    NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
    NON_MUTABLE_INVENTORY_ITEM
  }

  type InventorySetQuantitiesUserError {
    code: InventorySetQuantitiesUserErrorCode
    field: [String!]
    message: String!
  }

  type InventorySetQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventorySetQuantitiesUserError!]!
  }

  input FulfillmentOrderLineItemInput {
    id: ID!
    quantity: Int!
  }

  input FulfillmentOrderLineItemsInput {
    fulfillmentOrderId: ID!
    fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]
  }

  input FulfillmentTrackingInput {
    number: String
    url: URL
    company: String
    numbers: [String!]
    urls: [URL!]
  }

  input FulfillmentInput {
    lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
    notifyCustomer: Boolean = false
    trackingInfo: FulfillmentTrackingInput
  }

  enum FulfillmentStatus {
    CANCELLED
    ERROR
    FAILURE
    OPEN
    PENDING
    SUCCESS
  }

  type FulfillmentTrackingInfo {
    company: String
    number: String
    url: URL
  }

  type Fulfillment {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    status: FulfillmentStatus!
    createdAt: DateTime!
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
    order: Order!
  }

  type UserError {
    field: [String!]
    message: String!
  }

  type FulfillmentCreatePayload {
    fulfillment: Fulfillment
    userErrors: [UserError!]!
  }

  schema {
    query: QueryRoot
    mutation: Mutation
  }
`;

/**
 * 2026-04 and later: `changeFromQuantity` on every quantity (nullable in the schema, required at
 * runtime), `compareQuantity` and `ignoreCompareQuantity` removed (changelog "New compare and swap
 * syntax for the inventorySetQuantities mutation", 2025-12-12).
 */
const INVENTORY_INPUT_2026_04 = /* GraphQL */ `
  input InventoryQuantityInput {
    inventoryItemId: ID!
    locationId: ID!
    quantity: Int!
    changeFromQuantity: Int
  }

  input InventorySetQuantitiesInput {
    reason: String!
    name: String!
    referenceDocumentUri: String
    quantities: [InventoryQuantityInput!]!
  }
`;

/** Before 2026-04 (2026-01): both compare-and-set forms, `changeFromQuantity` added in 2026-01. */
const INVENTORY_INPUT_LEGACY = /* GraphQL */ `
  input InventoryQuantityInput {
    inventoryItemId: ID!
    locationId: ID!
    quantity: Int!
    compareQuantity: Int
    changeFromQuantity: Int
  }

  input InventorySetQuantitiesInput {
    reason: String!
    name: String!
    referenceDocumentUri: String
    ignoreCompareQuantity: Boolean = false
    quantities: [InventoryQuantityInput!]!
  }
`;

/** Whether the API version has the 2026-04 compare-and-swap form and mandatory `@idempotent`. */
export function isApi202604OrLater(apiVersion: string): boolean {
  return apiVersion === 'unstable' || apiVersion >= '2026-04';
}

let current: GraphQLSchema | undefined;
let legacy: GraphQLSchema | undefined;

/** The schema a request to `/admin/api/{version}/graphql.json` is validated and run against. */
export function schemaFor(apiVersion: string): GraphQLSchema {
  if (isApi202604OrLater(apiVersion)) return (current ??= buildSchema(COMMON + INVENTORY_INPUT_2026_04));
  return (legacy ??= buildSchema(COMMON + INVENTORY_INPUT_LEGACY));
}
