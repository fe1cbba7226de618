import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection, NetvisorSettings } from '../../src/config';
import { DEFAULT_NETVISOR_SETTINGS } from '../../src/config';
import type { RackbeatChange } from '../../src/domain/rackbeat/change';
import { polledResources, rackbeatEventsFor } from '../../src/flows/rackbeat-sources';
import { type FLOWS_BY_WORKFLOW_TYPE, heldWakeFlows, PAUSABLE_WORKFLOW_TYPES, TRANSFER_FLOWS } from '../../src/flows/registry';
import { routeRackbeatChange } from '../../src/routing/rackbeat-targets';
import { routeWebshopDelivery, webshopTopicKind } from '../../src/routing/webshop-targets';
import * as workflows from '../../src/workflows';
import { NETVISOR_INVOICE_TRANSFER } from '../../src/workflows/netvisor/contract';
import { ORDER_TRANSFER } from '../../src/workflows/order/contract';
import { type EntityEvent, entityEventSignal } from '../../src/workflows/common/entity-messages';
import type { TransferFlow } from '../../src/workflows/common/transfer-flow';
import { testConnection } from '../helpers/connections';
import { TRANSFER_GENERATION } from '../../src/workflows/common/generation';

/*
 * The compiler's check of the registry (npm test runs tsc --noEmit over the tests too): per
 * exported workflow at most one flow, of that type, building that workflow's input. Kept here so
 * that src/flows never imports workflow code.
 */
type Workflows = typeof workflows;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys and signal arguments differ per flow; the input and the type are what is checked
type FlowRegistry = { [T in keyof Workflows]?: TransferFlow<any, Parameters<Workflows[T]>[0], any, T> };
type Registered<R extends FlowRegistry> = R;
/** Fails to compile when a registry entry names no workflow, another workflow, or an input its workflow does not take. */
export type RegistryIsChecked = Registered<typeof FLOWS_BY_WORKFLOW_TYPE>;

const AT = '2026-12-02T10:00:00.000Z';

function change(event: string, key: string, extra: Partial<RackbeatChange> = {}): RackbeatChange {
  return { event, resource: event.split('.')[0]!, key, keyName: 'number', deliveryId: `d:${event}:${key}`, ...extra };
}

function withNetvisor(base: Connection, transfer: Partial<NetvisorSettings['transfer']>, extra: Partial<NetvisorSettings> = {}): Connection {
  const settings: NetvisorSettings = { ...DEFAULT_NETVISOR_SETTINGS, ...extra, transfer: { ...DEFAULT_NETVISOR_SETTINGS.transfer, ...transfer } };
  return { ...base, economic: undefined, netvisor: { settings } as NonNullable<Connection['netvisor']> };
}

const economicOnly = testConnection('acme');
const shopOnly: Connection = { ...economicOnly, economic: undefined, shopify: {} as NonNullable<Connection['shopify']> };

describe('the flow registry', () => {
  test('every flow names an exported workflow, once, with its own Flow name', () => {
    const types = TRANSFER_FLOWS.map((f) => f.workflowType);
    const names = TRANSFER_FLOWS.map((f) => f.flow);
    assert.equal(new Set(types).size, types.length);
    assert.equal(new Set(names).size, names.length);
    for (const type of types) assert.equal(typeof (workflows as Record<string, unknown>)[type], 'function', `${type} is not exported by src/workflows`);
  });

  test('a descriptor under another workflow type does not compile (checked by tsc --noEmit in npm test)', () => {
    // @ts-expect-error netvisorInvoice takes a Netvisor document input, not an order lifecycle input
    const wrongType: FlowRegistry = { netvisorInvoice: ORDER_TRANSFER };
    // @ts-expect-error the key names the workflow: a flow filed under another one is refused
    const wrongKey: FlowRegistry = { netvisorOrder: NETVISOR_INVOICE_TRANSFER };
    assert.ok(wrongType && wrongKey);
  });

  test('pausable flows are the document and master-data transfers', () => {
    assert.deepEqual([...PAUSABLE_WORKFLOW_TYPES].sort(), ['customerSync', 'netvisorInvoice', 'netvisorOrder', 'orderLifecycle', 'productSync', 'webshopOrder', 'webshopProduct']);
  });
});

describe('Rackbeat changes routed by the registry', () => {
  test('an order goes to e-conomic; with Netvisor orders on, to both', () => {
    const route = routeRackbeatChange(economicOnly, change('order.shipped', '42'), AT);
    assert.deepEqual(route.targets.map((t) => [t.workflowType, t.workflowId, t.meta.flow]), [['orderLifecycle', 'order:acme:42', 'order']]);
    assert.deepEqual(route.targets[0]!.signalArgs, [{ deliveryId: 'd:order.shipped:42', event: 'order.shipped', receivedAt: AT }]);
    const both = routeRackbeatChange({ ...withNetvisor(economicOnly, { orders: true }), economic: economicOnly.economic }, change('order.shipped', '42'), AT);
    assert.deepEqual(both.targets.map((t) => t.workflowId), ['order:acme:42', 'netvisor-order:acme:42']);
  });

  test('an update that only touched shipment keys is ignored with the keys named', () => {
    const route = routeRackbeatChange(economicOnly, change('order.updated', '42', { changed: ['shipments'] }), AT);
    assert.deepEqual(route.targets, []);
    assert.equal(route.ignored, 'order.updated changed only shipments');
  });

  test('a key that is not a number asks the poller instead', () => {
    const route = routeRackbeatChange(economicOnly, change('order.updated', '9f1c', { keyName: 'id' }), AT);
    assert.equal(route.pollNow, true);
    assert.deepEqual(route.targets, []);
  });

  test('a product change wakes held documents; with Netvisor products on it also syncs the product, unless it became a BOM', () => {
    const plain = routeRackbeatChange(economicOnly, change('product.updated', 'CHAIR-01'), AT);
    assert.equal(plain.wakeHeld, true);
    assert.deepEqual(plain.targets, []);
    const netvisor = withNetvisor(economicOnly, { products: true });
    assert.deepEqual(routeRackbeatChange(netvisor, change('product.updated', 'CHAIR-01'), AT).targets.map((t) => t.workflowId), ['product:acme:CHAIR-01']);
    const lot = routeRackbeatChange(netvisor, change('product.deleted', 'CHAIR-01', { convertedToLot: true }), AT);
    assert.deepEqual(lot.targets, []);
    assert.match(lot.ignored ?? '', /converted to a BOM/);
  });

  test('stock goes to the one stock workflow of a connection with a shop; other item types are ignored', () => {
    const route = routeRackbeatChange(shopOnly, change('inventory.changed', 'CHAIR-01', { keyName: 'item' }), AT);
    assert.deepEqual(route.targets.map((t) => [t.workflowId, t.input]), [['stock:acme', { connectionId: 'acme', shops: ['shopify'], generation: TRANSFER_GENERATION }]]);
    assert.match(routeRackbeatChange(shopOnly, change('inventory.changed', 'KIT', { itemType: 'lot' }), AT).ignored ?? '', /lot items/);
    assert.equal(routeRackbeatChange(economicOnly, change('inventory.changed', 'CHAIR-01'), AT).ignored, 'no flow of connection acme handles inventory.changed');
  });

  test('held transfers woken by a customer change are the Rackbeat document flows, not shop orders', () => {
    assert.deepEqual(heldWakeFlows(economicOnly, 'customer').map((f) => f.flow), ['order']);
    assert.deepEqual(heldWakeFlows(shopOnly, 'customer').map((f) => f.flow), []);
    assert.deepEqual(heldWakeFlows(shopOnly, 'product').map((f) => f.flow), ['webshop-order']);
  });
});

describe('subscriptions and polling follow the flows a connection has', () => {
  test('webhook events', () => {
    assert.deepEqual(rackbeatEventsFor(economicOnly), ['order.shipped', 'product.created', 'product.updated', 'lot.created']);
    assert.deepEqual(rackbeatEventsFor(withNetvisor(economicOnly, { invoices: true, products: true }, { propagateDeletions: true })).sort(), ['lot.created', 'product.created', 'product.deleted', 'product.updated']);
    assert.deepEqual(rackbeatEventsFor(shopOnly).sort(), ['inventory.changed', 'product.created', 'product.updated']);
  });

  test('polled resources', () => {
    assert.deepEqual(polledResources(economicOnly), ['order', 'customer', 'product']);
    assert.deepEqual(polledResources(withNetvisor(economicOnly, { invoices: true })), ['customer_invoice', 'customer', 'product']);
    assert.deepEqual(polledResources(shopOnly), ['product']);
  });
});

describe('webshop deliveries routed by the registry', () => {
  test('topics map to orders, products and refunds per shop', () => {
    assert.equal(webshopTopicKind('shopify', 'orders/paid'), 'order');
    assert.equal(webshopTopicKind('shopify', 'refunds/create'), 'refund');
    assert.equal(webshopTopicKind('woocommerce', 'product.restored'), 'product');
    assert.equal(webshopTopicKind('woocommerce', 'refunds/create'), undefined);
    // WooCommerce has no refund topic: a refund arrives as `order.updated`, which is first an order change.
    assert.equal(webshopTopicKind('woocommerce', 'order.updated'), 'order');
  });

  test('an order delivery starts its webshop order transfer with the connection settings', () => {
    const route = routeWebshopDelivery(shopOnly, { source: 'shopify', topic: 'orders/paid', resourceId: '5001', deliveryId: 'w1', name: '#1001' }, AT);
    assert.ok('targets' in route);
    assert.equal(route.targets.length, 1);
    const [target] = route.targets;
    assert.equal(target!.workflowId, 'webshop-order:acme:shopify-5001');
    assert.equal(target!.meta.summary, 'Shopify order #1001 → Rackbeat');
    assert.deepEqual(target!.input, { connectionId: 'acme', source: 'shopify', shopOrderId: '5001', settings: shopOnly.webshop, generation: TRANSFER_GENERATION });
  });

  test('a WooCommerce order.updated starts the order transfer and one refund transfer per refund its order lists; a later order delivery wakes the same refund transfers again', () => {
    const woo: Connection = { ...economicOnly, woocommerce: {} as NonNullable<Connection['woocommerce']> };
    const delivery = { source: 'woocommerce' as const, topic: 'order.updated', resourceId: '1001', deliveryId: 'shop:1001:2026-12-02T10:00:00:abc', refundIds: ['1010', '1012'] };
    const route = routeWebshopDelivery(woo, delivery, AT);
    assert.ok('targets' in route);
    assert.deepEqual(route.targets.map((t) => t.workflowId), ['webshop-order:acme:woocommerce-1001', 'webshop-refund:acme:woocommerce-1010', 'webshop-refund:acme:woocommerce-1012']);
    assert.deepEqual(route.targets[1]!.input, { connectionId: 'acme', source: 'woocommerce', shopOrderId: '1001', refundId: '1010', generation: TRANSFER_GENERATION });
    assert.deepEqual((route.targets[1]!.signalArgs[0] as EntityEvent).deliveryId, 'shop:1001:2026-12-02T10:00:00:abc:refund:1010');
    // The same delivery again: the same ids (the transfer drops it). A later update of the order lists the refunds again: the same transfers, woken.
    const again = routeWebshopDelivery(woo, delivery, AT);
    assert.deepEqual(again, route);
    const later = routeWebshopDelivery(woo, { ...delivery, deliveryId: 'shop:1001:2026-12-02T11:00:00:def' }, AT);
    assert.ok('targets' in later);
    assert.deepEqual(later.targets.slice(1).map((t) => [t.workflowId, (t.signalArgs[0] as EntityEvent).deliveryId]), [['webshop-refund:acme:woocommerce-1010', 'shop:1001:2026-12-02T11:00:00:def:refund:1010'], ['webshop-refund:acme:woocommerce-1012', 'shop:1001:2026-12-02T11:00:00:def:refund:1012']]);
    // No refunds listed, or no e-conomic to credit in: the order transfer alone.
    const plain = routeWebshopDelivery(woo, { ...delivery, refundIds: [] }, AT);
    assert.ok('targets' in plain);
    assert.deepEqual(plain.targets.map((t) => t.workflowId), ['webshop-order:acme:woocommerce-1001']);
    const noEconomic = routeWebshopDelivery({ ...woo, economic: undefined }, delivery, AT);
    assert.ok('targets' in noEconomic);
    assert.deepEqual(noEconomic.targets.map((t) => t.workflowId), ['webshop-order:acme:woocommerce-1001']);
  });

  test('a refund without e-conomic, and a product while Rackbeat is the product master, are ignored with the reason', () => {
    assert.deepEqual(routeWebshopDelivery(shopOnly, { source: 'shopify', topic: 'refunds/create', resourceId: '77', shopOrderId: '5001', deliveryId: 'w2' }, AT), { ignored: 'connection acme has no e-conomic: refunds are not credited' });
    assert.deepEqual(routeWebshopDelivery(shopOnly, { source: 'shopify', topic: 'products/create', resourceId: '9', deliveryId: 'w3' }, AT), { ignored: 'no flow of connection acme handles shopify products/create' });
  });
});

describe('a new flow is one descriptor and one registry line', () => {
  // A minimal second accounting target, as a test would add it: Rackbeat invoices → "Ledger".
  interface LedgerInput {
    connectionId: string;
    number: string;
  }
  const LEDGER_TRANSFER: TransferFlow<string, LedgerInput, [EntityEvent], 'ledgerInvoice'> = {
    flow: 'ledger-invoice',
    workflowType: 'ledgerInvoice',
    signal: entityEventSignal,
    workflowId: (connectionId, number) => `ledger-invoice:${connectionId}:${number}`,
    input: (connection, number) => ({ connectionId: connection.id, number }),
    sourceRef: (number) => `rackbeat:invoice:${number}`,
    summary: (number) => `Rackbeat invoice ${number} → Ledger`,
    enabledFor: (connection) => connection.id === 'acme',
    pausable: true,
    heldWake: { on: ['customer', 'lot'], args: (wake) => [wake] },
    rackbeat: { resources: ['customer_invoice'], events: () => ['customer_invoice.booked'], key: (change) => change.key, args: (change, at) => [{ deliveryId: change.deliveryId, event: change.event, receivedAt: at }] },
  };
  const flows = [...TRANSFER_FLOWS, LEDGER_TRANSFER];

  test('routing, webhook events, polling and held wake-ups take it in without another edit', () => {
    const route = routeRackbeatChange(economicOnly, change('customer_invoice.booked', '7'), AT, flows);
    assert.deepEqual(route.targets.map((t) => [t.workflowType, t.workflowId, t.meta.flow, t.meta.summary]), [['ledgerInvoice', 'ledger-invoice:acme:7', 'ledger-invoice', 'Rackbeat invoice 7 → Ledger']]);
    assert.ok(rackbeatEventsFor(economicOnly, flows).includes('customer_invoice.booked'));
    assert.ok(rackbeatEventsFor(economicOnly, flows).includes('lot.created'));
    assert.deepEqual(polledResources(economicOnly, flows), ['order', 'customer_invoice', 'customer', 'product']);
    assert.deepEqual(heldWakeFlows(economicOnly, 'lot', flows).map((f) => f.flow), ['order', 'ledger-invoice']);
    assert.deepEqual(routeRackbeatChange(economicOnly, change('customer_invoice.booked', '7'), AT).targets, [], 'without its registry line nothing routes to it');
  });
});
