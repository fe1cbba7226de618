import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { runDoctor, runDoctorCli, sandboxTarget } from '../../src/cli/doctor';
import { doctorExitCode, type DoctorReport } from '../../src/domain/netvisor';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';

const DATE = '2026-06-15';

async function control(sandbox: Sandbox, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandbox.url()}/_sandbox/netvisor${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, `${path}: ${await res.text()}`);
}

/** The CLI as a user runs it; asynchronous, so the in-process sandbox keeps answering. */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/client.ts', ...args], { env: { ...process.env, CONNECTIONS_FILE: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const codes = (report: DoctorReport): string[] => report.findings.map((f) => `${f.severity} ${f.code}`).sort();

describe('netvisor doctor against the sandbox', () => {
  const broken = createSandbox();
  const clean = createSandbox();
  before(async () => {
    await broken.listen(0);
    await clean.listen(0);
  });
  after(async () => {
    await broken.close();
    await clean.close();
  });

  test('a sandbox seeded with one of each problem lists every one of them with its fix, and exits 1', async () => {
    const target = sandboxTarget(broken.url());
    await target.rackbeat.createProduct({ number: 'SCREW-440', name: 'Skrue 4/40', group: 1, sales_price: 2 });
    await target.rackbeat.createCustomer({ customer_group_id: 1, number: 1001, name: 'Oy Asiakas Ab', payment_terms_id: 1, address_street: 'Pajukuja 2', address_zipcode: '53100', address_city: 'Turku', address_country: 'FI' });
    await target.rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await control(broken, '/vat-codes', { codes: { KOMY: [24, 14, 10, 0], EUMY: [0] } });
    await control(broken, '/periods', { accountingLockDate: '2026-06-30' });
    await control(broken, '/numbers', { order: 5000 });

    const report = await runDoctor(target, { date: DATE });

    assert.deepEqual(codes(report), [
      'block CUSTOMER_DETAILS_DIFFER',
      'block NUMBER_SERIES_OVERLAP',
      'block PAYMENT_TERM_MISSING',
      'block PERIOD_CLOSED',
      'block PRODUCT_NAME_CHARACTERS',
      'block VAT_PERCENTAGE_UNKNOWN',
      'block VAT_PERCENTAGE_UNKNOWN',
      'block VAT_PERCENTAGE_UNKNOWN',
      'warn NUMBER_SERIES_UNVERIFIED',
    ]);
    const message = (code: string): string | undefined => report.findings.find((f) => f.code === code)?.message;
    assert.match(message('PAYMENT_TERM_MISSING') ?? '', /customer 4 \(Kontant Kunde\) in Rackbeat/);
    assert.match(message('PRODUCT_NAME_CHARACTERS') ?? '', /'Skrue 4\/40' of product 'SCREW-440' in Rackbeat/);
    assert.match(message('CUSTOMER_DETAILS_DIFFER') ?? '', /city: Rackbeat 'Turku', Netvisor 'Lappeenranta'/);
    assert.match(message('NUMBER_SERIES_OVERLAP') ?? '', /order number series to continue above 5000.*order 1002 and later/);
    assert.match(message('PERIOD_CLOSED') ?? '', /locked up to 2026-06-30/);
    assert.deepEqual(report.findings.filter((f) => f.code === 'VAT_PERCENTAGE_UNKNOWN').map((f) => f.message.match(/product group \d+/)?.[0]), ['product group 1', 'product group 2', 'product group 4']);
    assert.deepEqual(report.skipped, []);
    assert.equal(doctorExitCode(report), 1);
  });

  test('the configured customer group: found is fine, missing blocks, an unanswered customer-group route only warns "could not check"', async () => {
    const fine = await runDoctor({ ...sandboxTarget(clean.url()), customerGroup: 3 }, { date: '2026-06-15' });
    assert.deepEqual(fine.findings.filter((f) => f.check === 'customer group'), []);
    const missing = await runDoctor({ ...sandboxTarget(clean.url()), customerGroup: 99 }, { date: '2026-06-15' });
    assert.deepEqual(missing.findings.filter((f) => f.check === 'customer group').map((f) => `${f.severity} ${f.code}`), ['block RACKBEAT_CUSTOMER_GROUP_MISSING']);
    await fetch(`${clean.url()}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ system: 'rackbeat', kind: 'status', status: 404, match: { path: '^/customer-groups' }, count: 2 }),
    });
    const unchecked = await runDoctor({ ...sandboxTarget(clean.url()), customerGroup: 3 }, { date: '2026-06-15' });
    const found = unchecked.findings.filter((f) => f.check === 'customer group');
    assert.deepEqual(found.map((f) => `${f.severity} ${f.code}`), ['warn RACKBEAT_CUSTOMER_GROUP_UNCHECKED']);
    assert.match(found[0]!.message, /could not check/);
  });

  test('a webhook Rackbeat did not register is a warning naming the event: the poller covers it meanwhile', async () => {
    const target = sandboxTarget(clean.url());
    const url = 'https://rackbridge.example/webhooks/rackbeat/sandbox';
    await target.rackbeat.registerWebhook('order.created', url);
    const report = await runDoctor({ ...target, webhooks: { url, events: ['order.created', 'lot.created'] } }, { date: DATE });
    const found = report.findings.filter((f) => f.check === 'Rackbeat webhooks');
    assert.deepEqual(found.map((f) => `${f.severity} ${f.code}`), ['warn RACKBEAT_WEBHOOK_MISSING']);
    assert.match(found[0]!.message, /lot\.created webhook to https:\/\/rackbridge\.example/);
    assert.equal(doctorExitCode(report), doctorExitCode({ ...report, findings: report.findings.filter((f) => f.check !== 'Rackbeat webhooks') }), 'a missing webhook does not block go-live');
  });

  test('a VAT lock and a missing fiscal year are reported with their own codes', async () => {
    const target = sandboxTarget(broken.url());
    await control(broken, '/periods', { accountingLockDate: null, vatLockDate: '2026-06-30' });
    assert.deepEqual((await runDoctor(target, { date: DATE })).findings.filter((f) => f.check === 'accounting period').map((f) => f.code), ['VAT_LOCKED']);
    assert.deepEqual((await runDoctor(target, { date: '2028-01-05' })).findings.filter((f) => f.check === 'accounting period').map((f) => f.code), ['FISCAL_YEAR_MISSING']);
  });

  test('wrong credentials are reported for both systems and the checks that need them are skipped', async () => {
    const target = sandboxTarget(broken.url());
    const report = await runDoctor(
      {
        ...target,
        rackbeat: new RackbeatClient({ baseUrl: target.rackbeatBaseUrl, apiToken: 'wrong-token' }),
        netvisor: new NetvisorClient({ baseUrl: target.netvisorBaseUrl, ...NETVISOR_SANDBOX_CREDENTIALS, customerKey: 'wrong' }),
      },
      { date: DATE },
    );
    assert.deepEqual(codes(report), ['block NETVISOR_AUTH', 'block RACKBEAT_AUTH']);
    assert.deepEqual(report.skipped.map((s) => s.check).sort(), ['VAT percentages', 'accounting period', 'customer details', 'number series', 'payment terms', 'product names']);
    assert.equal(doctorExitCode(report), 1);
  });

  test('a sandbox with the problems fixed passes: the CLI prints no finding and exits 0', async () => {
    const target = sandboxTarget(clean.url());
    await target.rackbeat.updateCustomer(4, { payment_terms_id: 1 });
    await target.rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    // The seeded Rackbeat groups are Danish (25 %); this Netvisor company has that rate too.
    await control(clean, '/vat-codes', { codes: { KOMY: [25.5, 25, 14, 10, 0], EUMY: [0], EUUM: [0] } });

    const cli = await runCli(['doctor', '--sandbox', clean.url(), '--date', DATE, '--rackbeat-next-invoice', '5001', '--json']);
    assert.equal(cli.status, 0, cli.stderr || cli.stdout);
    const report = JSON.parse(cli.stdout) as DoctorReport & { exitCode: number };
    assert.deepEqual({ findings: report.findings, skipped: report.skipped, exitCode: report.exitCode }, { findings: [], skipped: [], exitCode: 0 });
  });

  test('without --connection or --sandbox the doctor stops with a usage error and exit 2', async () => {
    const errors: string[] = [];
    const code = await runDoctorCli({}, {}, () => assert.fail('no report expected'), (text) => errors.push(text));
    assert.equal(code, 2);
    assert.deepEqual(errors, ['doctor needs --connection <id> (from CONNECTIONS_FILE) or --sandbox <url>']);
  });

  test('an unreadable CONNECTIONS_FILE is a configuration error with exit 2', async () => {
    const errors: string[] = [];
    const code = await runDoctorCli({ connection: 'nope' }, { CONNECTIONS_FILE: '/nonexistent/connections.yaml' }, () => assert.fail('no report expected'), (text) => errors.push(text));
    assert.equal(code, 2);
    assert.match(errors[0] ?? '', /cannot read the file/);
  });

  test('a configured connection without a netvisor section is a configuration error with exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'connections.yaml');
    writeFileSync(file, 'connections:\n  - id: acme-dk\n    rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }\n');
    const errors: string[] = [];
    const code = await runDoctorCli({ connection: 'acme-dk' }, { CONNECTIONS_FILE: file, RACKBEAT_API_TOKEN: 'token' }, () => assert.fail('no report expected'), (text) => errors.push(text));
    assert.deepEqual({ code, errors }, { code: 2, errors: ["connection 'acme-dk' has no netvisor section; the doctor checks Rackbeat → Netvisor connections"] });
  });
});
