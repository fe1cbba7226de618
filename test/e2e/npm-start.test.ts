import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { ConnectionIdKey, FlowKey, TransferStageKey } from '../../src/workflows/common/search-attributes';
import { orderWorkflowId, statusQuery } from '../../src/workflows/order/contract';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { rackbridgeDataConverter } from '../../src/temporal/codec/data-converter';
import { PayloadCipherCodec } from '../../src/temporal/codec/payload-cipher';
import { readSandboxKeys } from '../../src/temporal/codec/sandbox-keys';
import { chromiumPath, launchChromium } from '../helpers/browser';
import { historyBytesAsText, payloadsIn } from '../helpers/payloads';
import { eventually, freePort } from '../helpers/temporal';

const ROOT = join(__dirname, '..', '..');

describe('npm start in sandbox mode, as a user runs it', () => {
  let child: ChildProcess;
  let output = '';
  let ports: { web: number; sandbox: number; temporal: number; ui: number };
  let connection: Connection;
  let client: Client;
  let dataDir: string;

  const rackbeat = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`http://127.0.0.1:${ports.sandbox}/rackbeat/api${path}`, {
      method,
      headers: { authorization: `Bearer ${SANDBOX_CREDENTIALS.rackbeat.apiToken}`, 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status}: ${await res.clone().text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  before(async () => {
    ports = { web: await freePort(), sandbox: await freePort(), temporal: await freePort(), ui: await freePort() };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        CONNECTIONS_FILE: '',
        TEMPORAL_ADDRESS: '',
        PORT: String(ports.web),
        SANDBOX_PORT: String(ports.sandbox),
        TEMPORAL_PORT: String(ports.temporal),
        TEMPORAL_UI_PORT: String(ports.ui),
        DATA_DIR: (dataDir = mkdtempSync(join(tmpdir(), 'rb-start-'))),
        RACKBRIDGE_CODEC_KEYS: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => (output.includes('Ctrl-C stops everything') ? true : undefined), () => `npm start to come up; output so far:\n${output}`, 90_000);
    connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    // Sandbox mode encrypts payloads with the key it generated into DATA_DIR: status queries need it too.
    client = new Client({ connection, dataConverter: rackbridgeDataConverter(readSandboxKeys(dataDir)) });
  });

  after(async () => {
    await connection?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  test('prints the URLs it serves', () => {
    assert.match(output, new RegExp(`webhooks +http://127\\.0\\.0\\.1:${ports.web}/webhooks/\\{rackbeat,shopify,woocommerce\\}/:connectionId`));
    assert.match(output, new RegExp(`web ui +http://127\\.0\\.0\\.1:${ports.ui}/namespaces/default/workflows`));
    assert.match(output, new RegExp(`sandbox +http://127\\.0\\.0\\.1:${ports.sandbox}/rackbeat/api`));
    assert.match(output, new RegExp(`encryption +payloads AES-256-GCM with key id sandbox-1; codec server http://127\\.0\\.0\\.1:${ports.web}/codec`));
  });

  test('serves the Temporal Web UI, the webhook server and the simulators', async () => {
    assert.equal((await fetch(`http://127.0.0.1:${ports.ui}/`)).status, 200);
    const ready = await eventually(async () => {
      const body = (await (await fetch(`http://127.0.0.1:${ports.web}/readyz`)).json()) as { ok: boolean; temporal: string; rackbeatWebhooks: Record<string, Record<string, { state: string }>> };
      const states = Object.values(body.rackbeatWebhooks.demo ?? {}).map((e) => e.state);
      return states.length > 0 && states.every((st) => st === 'registered') ? body : undefined;
    }, 'Rackbeat webhooks to be registered');
    assert.equal(ready.ok, true);
    assert.equal(ready.temporal, 'reachable');
    const webhooks = await rackbeat('GET', '/webhooks?limit=100');
    const eventsOf = (connectionId: string): string[] =>
      (webhooks.webhooks as { event: string; url: string }[])
        .filter((w) => w.url.endsWith(`/webhooks/rackbeat/${connectionId}`))
        .map((w) => w.event)
        .sort();
    // Only events some source attests; bookings, invoices and customers come through the poller.
    assert.deepEqual(eventsOf('demo'), ['inventory.changed', 'lot.created', 'order.shipped', 'product.created', 'product.updated']);
    assert.deepEqual(eventsOf('demo-fi'), ['lot.created', 'product.created', 'product.updated']);
  });

  test('an order booked in the Rackbeat simulator starts an orderLifecycle workflow that shows it', async () => {
    const created = await rackbeat('POST', '/orders', { customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
    const number = (created.order as { number: number }).number;
    await rackbeat('POST', `/orders/${number}/book`, { mail: { send: false } });

    const handle = client.workflow.getHandle(orderWorkflowId('demo', number));
    const status = await eventually(async () => {
      const s = await handle.query(statusQuery);
      return s.stage === 'WAITING' && s.targetRefs.length > 0 ? s : undefined;
    }, `order ${number} to reach e-conomic`);
    assert.match(status.targetRefs[0]!, /^economic:order:\d+$/);
    assert.equal(status.stage, 'WAITING');
    // No booking webhook exists: the poller (order.polled) found the booking.
    assert.ok(status.steps.some((s) => s.name === 'received order.polled'), JSON.stringify(status.steps));
    const description = await handle.describe();
    assert.equal(description.type, 'orderLifecycle');
    assert.equal(description.typedSearchAttributes.get(ConnectionIdKey), 'demo');
    assert.equal(description.typedSearchAttributes.get(FlowKey), 'order');
    // Passing stages live in the status and current details; the search attribute changes when the transfer settles (HELD/DONE), saving an action.
    assert.equal(description.typedSearchAttributes.get(TransferStageKey), 'RECEIVED');
    assert.equal(await description.staticSummary(), `Rackbeat order ${number} → e-conomic`);
  });

  test('npm run cli -- demo drives three orders to one booked e-conomic invoice each, matching Rackbeat', async () => {
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'src/client.ts', 'demo', '--sandbox', `http://127.0.0.1:${ports.sandbox}`, '--ui', `http://127.0.0.1:${ports.ui}`], {
      cwd: ROOT,
      // The same DATA_DIR as npm start: the CLI reads the sandbox's generated key from it.
      env: { ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`, DATA_DIR: dataDir, RACKBRIDGE_CODEC_KEYS: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(demo.status, 0, demo.stdout + demo.stderr);
    const ended = [...demo.stdout.matchAll(/^order (\d+): (DONE|HELD|CANCELLED) → (.*)$/gm)];
    assert.equal(ended.length, 3, demo.stdout);
    assert.match(demo.stdout, new RegExp(`http://127\\.0\\.0\\.1:${ports.ui}/namespaces/default/workflows/order%3Ademo%3A\\d+`));
    for (const [, number, stage] of ended) {
      assert.equal(stage, 'DONE');
      const filter = encodeURIComponent(`references.other$eq:rackbeat:demo:order:${number!}`);
      const res = await fetch(`http://127.0.0.1:${ports.sandbox}/economic/invoices/booked?filter=${filter}`, {
        headers: { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken },
      });
      const { collection } = (await res.json()) as { collection: { netAmount: number; grossAmount: number; lines: unknown[] }[] };
      assert.equal(collection.length, 1, `order ${number!}: one booked invoice`);
      const order = (await rackbeat('GET', `/orders/${number!}`)).order as { total_subtotal: number; total_total: number; lines: unknown[] };
      assert.equal(collection[0]!.netAmount, order.total_subtotal);
      assert.equal(collection[0]!.grossAmount, order.total_total);
      assert.equal(collection[0]!.lines.length, order.lines.length);
    }

    // The webshop leg: an order from each shop ends booked in e-conomic and fulfilled in the shop.
    assert.match(demo.stdout, /^shopify order \d+: Rackbeat order \d+ shipped → DONE → .*; shop order fulfillment_status fulfilled$/m);
    assert.match(demo.stdout, /^woocommerce order \d+: Rackbeat order \d+ shipped → DONE → .*; shop order status completed$/m);
    // A partial refund of the invoiced Shopify order ends as one booked credit note for exactly it.
    const refund = /^shopify order \d+: partial refund (\d+) of (\d+\.\d\d) .*$/m.exec(demo.stdout);
    assert.ok(refund, demo.stdout);
    const credited = new RegExp(`^shopify refund ${refund[1]!}: credit note (\\d+) booked for Shopify refund ${refund[1]!} \\(invoice \\d+\\)$`, 'm').exec(demo.stdout);
    assert.ok(credited, demo.stdout);
    const note = await fetch(`http://127.0.0.1:${ports.sandbox}/economic/invoices/booked/${credited[1]!}`, {
      headers: { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken },
    });
    assert.equal(((await note.json()) as { grossAmount: number }).grossAmount, -Number(refund[2]!), 'the credit note is the refund, to the cent');
    // The WooCommerce order's shipping refunded (it arrives as order.updated): one booked credit note too.
    const wooRefund = /^woocommerce order \d+: partial refund (\d+) of (\d+\.\d\d) \(the shipping\)$/m.exec(demo.stdout);
    assert.ok(wooRefund, demo.stdout);
    const wooCredited = new RegExp(`^woocommerce refund ${wooRefund[1]!}: credit note (\\d+) booked for WooCommerce refund ${wooRefund[1]!} \\(invoice \\d+\\)$`, 'm').exec(demo.stdout);
    assert.ok(wooCredited, demo.stdout);
    const wooNote = await fetch(`http://127.0.0.1:${ports.sandbox}/economic/invoices/booked/${wooCredited[1]!}`, {
      headers: { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken },
    });
    assert.equal(((await wooNote.json()) as { grossAmount: number }).grossAmount, -Number(wooRefund[2]!), 'the WooCommerce credit note is the refund, to the cent');

    // Stock changed in Rackbeat by the shipments reaches both shops.
    for (const sku of ['CHAIR-01', 'LAMP-RED', 'DESK/120']) assert.match(demo.stdout, new RegExp(`^stock ${sku}: Rackbeat (\\d+), Shopify \\1, WooCommerce \\1$`, 'm'));

    // The Finnish leg: one invoice reaches Netvisor once, to the cent; the one breaking a seed rule is held with its reason.
    const finnish = [...demo.stdout.matchAll(/^invoice (\d+) → Netvisor: (DONE|HELD)(.*)$/gm)];
    assert.deepEqual(finnish.map((m) => m[2]), ['DONE', 'HELD'], demo.stdout);
    assert.match(finnish[1]![3]!, /PAYMENT_TERM_MISSING: Set payment terms on invoice \d+ or on its customer 4 \(Kontant Kunde\) in Rackbeat/);
    const number = finnish[0]![1]!;
    const state = (await (await fetch(`http://127.0.0.1:${ports.sandbox}/_sandbox/netvisor/state`)).json()) as { documents: { kind: string; number: string; amount: number }[] };
    const sent = state.documents.filter((d) => d.kind === 'invoice' && d.number === number);
    const invoice = (await rackbeat('GET', `/customer-invoices/${number}`)).customer_invoice as { total_total: number };
    assert.deepEqual(sent.map((d) => d.amount), [invoice.total_total]);
    assert.equal(invoice.total_total, 187.87);
    assert.equal(state.documents.filter((d) => d.number === finnish[1]![1]!).length, 0, 'the held invoice did not reach Netvisor');
  });

  test('with encryption on, the histories in the server hold no customer name or e-mail of the demo in clear; decoded, they do', async () => {
    const customers = (await rackbeat('GET', '/customers?limit=100')).customers as { name: string; contact_email: string | null }[];
    const secrets = customers.flatMap((c) => [c.name, ...(c.contact_email ? [c.contact_email] : [])]);
    assert.ok(secrets.includes('Nordisk Cykel ApS') && secrets.includes('indkob@nordiskcykel.dk'), 'the seeded customers are the scenario');
    const codec = new PayloadCipherCodec(readSandboxKeys(dataDir));
    let decodedText = '';
    let histories = 0;
    for await (const wf of client.workflow.list({ query: 'Flow IS NOT NULL' })) {
      // fetchHistory returns the events as the server stores them (no codec applied).
      const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      const stored = historyBytesAsText(history);
      for (const secret of secrets) assert.ok(!stored.includes(secret), `${wf.workflowId}: '${secret}' is in the stored history`);
      const plain = payloadsIn(history).filter((p) => Buffer.from(p.metadata!.encoding!).toString() !== 'binary/encrypted');
      assert.deepEqual(plain.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString()), [], `${wf.workflowId}: every payload but search attributes is encrypted`);
      decodedText += (await codec.decode(payloadsIn(history))).map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
      histories++;
    }
    assert.ok(histories >= 8, `the demo's transfers (${histories})`);
    // The control: the same histories, decoded, do carry the customers (so the check above can fail).
    assert.ok(secrets.some((s) => decodedText.includes(s)), 'decoded histories name a customer');
  });

  test('the codec server decodes for the Web UI origin and refuses bad input with 4xx JSON', async () => {
    const codecUrl = `http://127.0.0.1:${ports.web}/codec`;
    const preflight = await fetch(`${codecUrl}/decode`, { method: 'OPTIONS', headers: { origin: `http://localhost:${ports.ui}`, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), `http://localhost:${ports.ui}`);
    const foreign = await fetch(`${codecUrl}/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const bad = await fetch(`${codecUrl}/decode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payloads: [{ data: 'not base64!' }] }) });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, 'invalid_payloads');
  });

  const browserPath = chromiumPath();
  test('the Temporal Web UI lists the order workflow and its page tells the story', { skip: browserPath ? false : 'no Chromium (install Debian chromium or set CHROMIUM_PATH)' }, async () => {
    const browser = await launchChromium(browserPath!);
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${ports.ui}/namespaces/default/workflows`);
      const row = page.getByRole('link', { name: /^order:demo:\d+$/ }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      // Summary and current details live on the workflow page's "User Metadata" tab (UI 2.5x).
      await page.getByRole('tab', { name: 'User Metadata' }).or(page.getByText('User Metadata', { exact: true })).first().click();
      // The UI renders summary and details markdown in sandboxed iframes.
      const shown = async (text: RegExp): Promise<true | undefined> => {
        for (const frame of page.frames()) if ((await frame.getByText(text).count()) > 0) return true;
        return undefined;
      };
      await eventually(() => shown(/Rackbeat order \d+ → e-conomic/), 'the static summary on the workflow page');
      await eventually(() => shown(/Stage: (WAITING|DONE|HELD)/), 'the current details on the workflow page');
      // The input is encrypted in the server; the page shows it decoded through the codec server.
      await page.getByRole('tab', { name: /Input and Results|History/ }).first().click().catch(() => undefined);
      await eventually(async () => ((await page.locator('body').innerText()).match(/"orderNumber":\s*"\d+"/) ? true : undefined), 'the decoded input (orderNumber) on the workflow page');
      assert.ok(!(await page.locator('body').innerText()).includes('binary/encrypted'), 'no ciphertext shown');
      if (process.env.UI_SCREENSHOT) await page.screenshot({ path: process.env.UI_SCREENSHOT, fullPage: true });

      // The Netvisor invoice the demo left held shows its reason and the fix on its page.
      await page.goto(`http://127.0.0.1:${ports.ui}/namespaces/default/workflows`);
      const held = page.getByRole('link', { name: /^netvisor-invoice:demo-fi:\d+$/ }).first();
      await held.waitFor({ timeout: 30_000 });
      await held.click();
      await page.getByRole('tab', { name: 'User Metadata' }).or(page.getByText('User Metadata', { exact: true })).first().click();
      await eventually(() => shown(/Rackbeat invoice \d+ → Netvisor sales invoice/), 'the Netvisor summary');
      await eventually(() => shown(/PAYMENT_TERM_MISSING/), 'the held reason on the Netvisor invoice page');
    } finally {
      await browser.close();
    }
  });

  test('Ctrl-C shuts everything down cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`http://127.0.0.1:${ports.web}/healthz`));
    await assert.rejects(fetch(`http://127.0.0.1:${ports.sandbox}/_sandbox/faults`));
  });
});
