import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { Command } from 'commander';
import { ClientRegistry } from '../../src/activities/clients';
import { createImportActivities } from '../../src/activities/netvisor-import';
import { registerImportCommand, startImport } from '../../src/cli/import';
import { type Connection, DEFAULT_NETVISOR_SETTINGS } from '../../src/config';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { Secret } from '../../src/domain/secret';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import type { DevServer } from '../../src/temporal/dev-server';
import { TASK_QUEUE } from '../../src/webhooks/dispatch';
import type { NetvisorImportInput, NetvisorImportResult } from '../../src/workflows/import/contract';
import { sandboxConnection } from '../helpers/lifecycle';
import { eventually, startTestTemporal } from '../helpers/temporal';

/** A connection to one sandbox with its Netvisor section (`customerKey` overridable to break auth). */
function importConnection(id: string, url: string, customerKey: string = NETVISOR_SANDBOX_CREDENTIALS.customerKey): Connection {
  const c = NETVISOR_SANDBOX_CREDENTIALS;
  return {
    ...sandboxConnection(id, url, {}),
    netvisor: {
      baseUrl: `${url}/netvisor`,
      sender: c.sender,
      customerId: new Secret(c.customerId),
      customerKey: new Secret(customerKey),
      partnerId: new Secret(c.partnerId),
      partnerKey: new Secret(c.partnerKey),
      organisationId: c.organisationId,
      language: 'EN',
      settings: DEFAULT_NETVISOR_SETTINGS,
    },
  };
}

interface WorkerSpec {
  address: string;
  taskQueue: string;
  bundlePath: string;
  connections: { id: string; url: string }[];
}

/** The child side of the crash test: this file, run without the test runner, is a worker process. */
async function runWorkerProcess(spec: WorkerSpec): Promise<void> {
  const connection = await NativeConnection.connect({ address: spec.address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: spec.taskQueue,
    workflowBundle: { codePath: spec.bundlePath },
    activities: createImportActivities(new ClientRegistry(spec.connections.map((c) => importConnection(c.id, c.url)))),
  });
  const run = worker.run();
  process.stdout.write('worker ready\n');
  await run;
}

function startWorkerProcess(spec: WorkerSpec): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], { env: { ...process.env, IMPORT_WORKER_SPEC: JSON.stringify(spec) }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
}

interface Logged {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number | string | undefined;
}

async function rackbeatWrites(sandbox: Sandbox, path: string): Promise<Logged[]> {
  const res = await fetch(`${sandbox.url()}/_sandbox/requests?system=rackbeat&path=${encodeURIComponent(path)}`);
  const { requests } = (await res.json()) as { requests: Logged[] };
  return requests.filter((r) => r.method === 'POST' || r.method === 'PUT');
}

function netvisorClient(url: string): NetvisorClient {
  return new NetvisorClient({ baseUrl: `${url}/netvisor`, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5_000 });
}

function rackbeatClient(url: string): RackbeatClient {
  return new RackbeatClient({ baseUrl: `${url}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken });
}

function counts(r: NetvisorImportResult) {
  return { state: r.state, done: r.done, created: r.created, updated: r.updated, skipped: r.skipped, failed: r.failed, reasons: r.reasons };
}

const noRateLimits = { rackbeat: { limit: 0, windowMs: 1_000 } };

if (process.env.IMPORT_WORKER_SPEC) {
  void runWorkerProcess(JSON.parse(process.env.IMPORT_WORKER_SPEC) as WorkerSpec);
} else {
  describe('one-off import Netvisor → Rackbeat', () => {
    let temporal: DevServer;
    let sandbox: Sandbox;
    let url: string;
    let bundlePath: string;
    let worker: Worker;
    let running: Promise<void>;
    const run = async (input: NetvisorImportInput, taskQueue = TASK_QUEUE): Promise<NetvisorImportResult> => (await startImport(temporal.env.client, input, taskQueue)).handle.result();

    before(async () => {
      temporal = await startTestTemporal();
      sandbox = createSandbox({ rateLimits: noRateLimits });
      url = await sandbox.listen(0);
      const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows/import/workflow') });
      bundlePath = join(mkdtempSync(join(tmpdir(), 'rackbridge-import-')), 'workflow-bundle.js');
      writeFileSync(bundlePath, bundle.code);
      const clients = new ClientRegistry([importConnection('acme', url), importConnection('broken', url, 'wrong-customer-key')]);
      worker = await Worker.create({ connection: temporal.env.nativeConnection, namespace: temporal.namespace, taskQueue: TASK_QUEUE, workflowBundle: { codePath: bundlePath }, activities: createImportActivities(clients) });
      running = worker.run();
    });
    after(async () => {
      worker.shutdown();
      await running;
      await sandbox.close();
      await temporal.stop();
    });

    test('imports every Netvisor customer with its details, across continue-as-new, and skips those without a usable number', async () => {
      const netvisor = netvisorClient(url);
      for (const [code, name, city] of [['2001', 'Kahvila Aroma Oy', 'Turku'], ['2002', 'Rautakauppa Niemi Ky', 'Oulu'], ['2003', 'Pyörä-Pekka', 'Espoo']] as const) {
        await netvisor.addCustomer({ code, name, businessId: '2345678-9', streetAddress: 'Kauppatie 1', postNumber: '20100', city, email: `info@${code}.example.fi` });
      }
      await netvisor.addCustomer({ name: 'Ei Koodia Oy' });
      await netvisor.addCustomer({ code: '0999', name: 'Nolla Alkuinen Oy' });

      const result = await run({ connectionId: 'acme', kind: 'customers', customerGroup: 1, chunkSize: 2, chunksPerRun: 2 });

      assert.deepEqual(counts(result), {
        state: 'completed',
        done: 7,
        created: 5,
        updated: 0,
        skipped: 2,
        failed: 0,
        reasons: { 'no customer number': 1, 'customer code is not a Rackbeat customer number': 1 },
      });
      assert.match(result.items[0]?.ref ?? '', /^customer \(netvisor key \d+\)$/);
      assert.deepEqual(result.items.slice(1), [{ ref: 'customer 0999', action: 'skipped', reason: 'customer code is not a Rackbeat customer number', detail: "'0999': digits only, not starting with 0" }]);
      await eventually(async () => {
        let runs = 0;
        for await (const _ of temporal.env.client.workflow.list({ query: `WorkflowId = 'import:acme:netvisor-customers'` })) runs++;
        return runs >= 2 ? true : undefined;
      }, 'the import to have continued as new');
      const rackbeat = rackbeatClient(url);
      const created = await rackbeat.getCustomer(2002);
      assert.deepEqual(
        { name: created.name, company_vat: created.company_vat, street: created.address_street, zipcode: created.address_zipcode, city: created.address_city, country: created.address_country, email: created.contact_email, barred: created.is_barred },
        { name: 'Rautakauppa Niemi Ky', company_vat: '2345678-9', street: 'Kauppatie 1', zipcode: '20100', city: 'Oulu', country: 'FI', email: 'info@2002.example.fi', barred: false },
      );
      const seeded = await rackbeat.getCustomer(1001);
      assert.deepEqual([seeded.name, seeded.company_vat, seeded.address_city], ['Oy Asiakas Ab', '1967543-8', 'Lappeenranta']);
      const writes = await rackbeatWrites(sandbox, '/customers');
      assert.equal(writes.filter((w) => w.method === 'POST' && w.status === 201).length, 5);
      assert.ok(writes.every((w) => String(w.query.suppress_webhooks) === 'true'), 'every import write suppresses Rackbeat webhooks');
    });

    test('a re-run writes nothing: every importable customer is skipped as unchanged', async () => {
      const before = (await rackbeatWrites(sandbox, '/customers')).length;
      const result = await run({ connectionId: 'acme', kind: 'customers', customerGroup: 1 });
      assert.deepEqual(counts(result), {
        state: 'completed',
        done: 7,
        created: 0,
        updated: 0,
        skipped: 7,
        failed: 0,
        reasons: { unchanged: 5, 'no customer number': 1, 'customer code is not a Rackbeat customer number': 1 },
      });
      assert.equal((await rackbeatWrites(sandbox, '/customers')).length, before);
    });

    test('a customer changed in Netvisor is the only one updated, and only in the changed fields', async () => {
      const netvisor = netvisorClient(url);
      const [row] = await netvisor.listCustomers({ codes: ['2002'] });
      await netvisor.editCustomer(row!.netvisorKey, { name: 'Rautakauppa Niemi Ky', city: 'Tampere' });
      const before = (await rackbeatWrites(sandbox, '/customers')).length;

      const result = await run({ connectionId: 'acme', kind: 'customers', customerGroup: 1 });

      assert.deepEqual([result.created, result.updated, result.skipped, result.reasons.unchanged], [0, 1, 6, 4]);
      const writes = (await rackbeatWrites(sandbox, '/customers')).slice(before);
      assert.deepEqual(writes.map((w) => [w.method, w.path]), [['PUT', '/customers/2002']]);
      assert.equal((await rackbeatClient(url).getCustomer(2002)).address_city, 'Tampere');
    });

    test('products land in the Rackbeat group of the same name or the default; unusable codes are skipped and a rejected product fails with Rackbeat’s reason', async () => {
      const netvisor = netvisorClient(url);
      const product = { group: 'Ydelser', unitPriceType: 'net', isActive: true, isSalesProduct: true } as const;
      await netvisor.addProduct({ ...product, code: 'P-300', name: 'Asennus', unitPrice: 60, description: 'Asennustyö tunnilta' });
      await netvisor.addProduct({ ...product, name: 'Koodi puuttuu', unitPrice: 1 });
      await netvisor.addProduct({ ...product, code: 'P 400', name: 'Välilyönti', unitPrice: 1 });
      await netvisor.addProduct({ ...product, code: 'P-500', name: 'Hyvityserä', unitPrice: -5 });

      const result = await run({ connectionId: 'acme', kind: 'products', defaultProductGroup: 1 });

      assert.deepEqual(counts(result), {
        state: 'completed',
        done: 6,
        created: 3,
        updated: 0,
        skipped: 2,
        failed: 1,
        reasons: { 'no product code': 1, 'product code is not a valid Rackbeat product number': 1, 'rejected by Rackbeat': 1 },
      });
      const failed = result.items.find((i) => i.action === 'failed');
      assert.equal(failed?.ref, 'product P-500');
      assert.match(failed?.detail ?? '', /sales_price/);
      const rackbeat = rackbeatClient(url);
      const installed = await rackbeat.getProduct('P-300');
      assert.deepEqual([installed.name, installed.group?.number, installed.sales_price, installed.description], ['Asennus', 2, 60, 'Asennustyö tunnilta']);
      const shelf = await rackbeat.getProduct('P-100');
      assert.deepEqual([shelf.name, shelf.group?.number, shelf.sales_price], ['Hylly', 1, 49.9]);
    });

    test('the CLI command starts the import, waits for it, prints the summary with reasons and records, and exits 0', async () => {
      const written: string[] = [];
      const exitCodes: number[] = [];
      const program = new Command('rackbridge').exitOverride();
      registerImportCommand(program, {
        connect: async () => ({ client: temporal.env.client, close: async () => undefined }),
        out: { write: (text: string) => written.push(text) },
        setExitCode: (code) => exitCodes.push(code),
        pollIntervalMs: 50,
      });
      await program.parseAsync(['import', 'customers', '--from', 'netvisor', '--to', 'rackbeat', '--connection', 'acme'], { from: 'user' });

      const text = written.join('');
      assert.match(text, /^started import import:acme:netvisor-customers\n/);
      assert.ok(
        text.includes(
          [
            'Netvisor customers → Rackbeat (connection acme): completed',
            '  created  0',
            '  updated  0',
            '  skipped  7',
            '  failed   0',
            '  total    7',
            'Skipped and failed, by reason:',
            '       5  unchanged',
            '       1  customer code is not a Rackbeat customer number',
            '       1  no customer number',
            'Records skipped (other than unchanged) or failed:',
            '  customer (netvisor key ',
          ].join('\n'),
        ),
        text,
      );
      assert.match(text, /customer 0999 {2}skipped {2}customer code is not a Rackbeat customer number: '0999': digits only, not starting with 0/);
      assert.deepEqual(exitCodes, [0]);
    });

    test('a Netvisor account that refuses the credentials stops the import at once with a clear message', async () => {
      const error = await run({ connectionId: 'broken', kind: 'customers' }).then(
        () => undefined,
        (err: unknown) => err,
      );
      assert.ok(error instanceof WorkflowFailedError, String(error));
      assert.match(error.cause?.message ?? '', /^Netvisor refused the credentials of connection 'broken': netvisor refused the credentials: AUTHENTICATION_FAILED :: .*Fix them in the connections file and run the import again\.$/);
    });

    test('an unknown connection id stops the import at once and says which connections exist', async () => {
      const error = await run({ connectionId: 'nobody', kind: 'products' }).then(
        () => undefined,
        (err: unknown) => err,
      );
      assert.ok(error instanceof WorkflowFailedError, String(error));
      assert.equal(error.cause?.message, "connection 'nobody' is not in the connections file of the worker; known: acme, broken");
    });

    test('a worker killed with SIGKILL mid-import: another worker finishes it, a second start attaches, and every customer is created exactly once', async () => {
      const crash = createSandbox({ rateLimits: noRateLimits });
      const crashUrl = await crash.listen(0);
      const children: ChildProcess[] = [];
      try {
        const netvisor = netvisorClient(crashUrl);
        for (let i = 1; i <= 18; i++) await netvisor.addCustomer({ code: String(3000 + i), name: `Asiakas ${i} Oy`, city: 'Vaasa' });
        // Slow Rackbeat creates, so the kill lands mid-chunk.
        await fetch(`${crashUrl}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ system: 'rackbeat', kind: 'latency', latencyMs: 150, match: { method: 'POST', path: '^/customers$' }, count: 100 }) });
        const spec: WorkerSpec = { address: temporal.address, taskQueue: 'import-crash', bundlePath, connections: [{ id: 'crash', url: crashUrl }] };
        const input: NetvisorImportInput = { connectionId: 'crash', kind: 'customers', customerGroup: 1, chunkSize: 5 };
        children.push(await startWorkerProcess(spec));
        const { handle } = await startImport(temporal.env.client, input, 'import-crash');

        await eventually(async () => ((await rackbeatWrites(crash, '/customers')).filter((w) => w.status === 201).length >= 6 ? true : undefined), 'some customers to be created');
        children[0]!.kill('SIGKILL');
        await new Promise((r) => children[0]!.once('exit', r));
        const createdBeforeKill = (await rackbeatWrites(crash, '/customers')).filter((w) => w.status === 201).length;
        assert.ok(createdBeforeKill < 20, `the kill landed mid-import (${createdBeforeKill} of 20 created)`);
        const second = await startImport(temporal.env.client, input, 'import-crash');
        assert.equal(second.attached, true, 'a second start attaches to the running import');
        children.push(await startWorkerProcess(spec));

        const result = await handle.result();
        assert.equal(result.state, 'completed');
        assert.equal(result.done, 20);
        assert.equal(result.created + (result.reasons.unchanged ?? 0), 20, JSON.stringify(result));
        assert.equal(result.failed, 0);
        const creates = (await rackbeatWrites(crash, '/customers')).filter((w) => w.method === 'POST');
        assert.deepEqual(
          creates.filter((w) => w.status === 201).length,
          20,
          'every customer created exactly once',
        );
        assert.ok(creates.every((w) => w.status === 201), 'no create was refused as a duplicate');
        const numbers = [];
        for await (const c of rackbeatClient(crashUrl).iterateCustomers()) numbers.push(c.number);
        assert.deepEqual(numbers.filter((n) => n >= 1000).sort((a, b) => a - b), [1001, 1002, ...Array.from({ length: 18 }, (_, i) => 3001 + i)]);
      } finally {
        for (const child of children) child.kill('SIGKILL');
        await crash.close();
      }
    });
  });
}
