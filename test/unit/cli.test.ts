import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { buildListQuery, formatStatus, pausableFlows, registerOperatorCommands } from '../../src/client';

describe('operator CLI', () => {
  test('pause --flow takes only flows that can pause, so a typo is refused instead of pausing nothing', async () => {
    assert.deepEqual(pausableFlows().sort(), ['customer', 'digest', 'netvisor-invoice', 'netvisor-order', 'order', 'product', 'rackbeat-poll', 'stock', 'webshop-order', 'webshop-product', 'webshop-reconcile']);
    let error = '';
    const program = registerOperatorCommands(new Command().exitOverride().configureOutput({ writeErr: (text) => (error += text) }));
    for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: (text) => (error += text) });
    await assert.rejects(program.parseAsync(['node', 'rackbridge', 'pause', '--connection', 'acme', '--flow', 'orders']), /invalid/);
    assert.match(error, /Allowed choices are .*order/);
  });

  test('transfers list filters by connection, flow and stage with quoted values', () => {
    assert.equal(buildListQuery({}), 'Flow IS NOT NULL');
    assert.equal(buildListQuery({ connection: "o'brien", flow: 'order', stage: 'held' }), "Flow IS NOT NULL AND ConnectionId = 'o\\'brien' AND Flow = 'order' AND TransferStage = 'HELD'");
  });

  test('transfers show prints the stage, the fix and every step', () => {
    const text = formatStatus({
      workflowId: 'order:acme:1042',
      flow: 'order',
      connectionId: 'acme',
      sourceRef: 'rackbeat:order:1042',
      stage: 'HELD',
      heldReason: 'CUSTOMER_PAYMENT_TERMS_MISSING',
      heldMessage: 'Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.',
      targetRefs: [],
      steps: [{ name: 'push to e-conomic', at: '2026-11-21T10:00:00.000Z', result: 'held', error: 'CUSTOMER_PAYMENT_TERMS_MISSING' }],
      nextStep: 'waiting for a change in Rackbeat or a retry signal',
    });
    assert.equal(
      text,
      [
        'order:acme:1042  (order, connection acme)',
        '  source   rackbeat:order:1042',
        '  stage    HELD  held: CUSTOMER_PAYMENT_TERMS_MISSING',
        '  fix      Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.',
        '  targets  —',
        '  next     waiting for a change in Rackbeat or a retry signal',
        '  steps',
        '    2026-11-21T10:00:00.000Z  push to e-conomic            held  CUSTOMER_PAYMENT_TERMS_MISSING',
      ].join('\n'),
    );
  });
});
