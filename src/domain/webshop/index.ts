export { type WebshopSettings, type WebshopSettingsInput, parseWebshopSettings, webshopSettingsSchema } from './settings';
export {
  amountsFrom,
  type ShopAddress,
  type ShopAmounts,
  type ShopChargeLine,
  type ShopCustomer,
  type ShopDiscountCode,
  type ShopOrder,
  type ShopOrderLine,
  type ShopOrderStatus,
  webshopSourceRef,
} from './shop-order';
export { WEBSHOP_SHOPS, WEBSHOP_SOURCES, type WebshopFacts, webshopHandlesRefunds, webshopLabel, type WebshopRefundArrival, webshopRefundArrival, type WebshopSource, webshopTopicKind, webshopTopicKinds, type WebshopTopicKind } from './shops';
export { fromShopify, type ShopifyOrderPayload, shopifyOrderSchema } from './shopify-order';
export { fromWooCommerce, type WooOrderPayload, wooOrderSchema } from './woocommerce-order';
export { type Cents, centsToAmount, formatCents, parseCents } from './money';
export { decideShopOrder, type IgnoreReason, type KnownTransfer, type ShopOrderDecision } from './trigger';
export { mapShopOrderToRackbeat, type MappedOrderInput, type OrderMappingContext, type OrderMappingResult, type OrderMappingSettings } from './order-mapping';
export { type ComparableLine, describeLineChanges, mapShopOrderUpdate, type OrderChange, type OrderUpdateResult, type PreviousOrder } from './order-update';
export { type RackbeatLineAmounts, rackbeatLineNet, rackbeatOrderTotals, type RackbeatTotals, rackbeatVat } from './rackbeat-amounts';
export { customerLookup, type CustomerLookup, EU_COUNTRIES, newRackbeatCustomer, vatZoneFor } from './customer-mapping';
export {
  checkWebshopProductName,
  mapShopProductToRackbeat,
  type ProductMappingResult,
  type ProductNameCheck,
  type ShopProductVariant,
  variantFromWooProduct,
  variantsFromShopifyProduct,
} from './product-mapping';
export { type RecordOutcome, STOCK_BATCH_LIMITS, STOCK_MIN_INTERVAL_MS, type StockBatch, StockCoalescer, type StockDue, type StockItem, type StockSnapshot } from './stock-coalescer';
export { WEBSHOP_HOLD_CODES, type WebshopHold, type WebshopHoldCode } from './hold-codes';
export { webshopHolds } from './hold-messages';
export { webshopRefFromHeading } from './source-ref';
export { refundMarker, type ShopRefund, type ShopRefundCharge, type ShopRefundLine } from './shop-refund';
export { shopifyRefundFrom } from './shopify-refund';
export { wooOrderRefundsSchema, wooRefundFrom, wooRefundIds, wooRefundSchema } from './woocommerce-refund';
