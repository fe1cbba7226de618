import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, parseConnections, readRuntimeEnv } from '../../src/config';

const env = { RB_TOKEN: 'rb-secret-value', EC_APP: 'app-secret-value', EC_GRANT: 'grant-secret-value' };

function problems(yaml: string, vars: NodeJS.ProcessEnv = env): string[] {
  try {
    parseConnections(yaml, vars, 'connections.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail('expected the file to be refused');
}

const GOOD = `
server:
  publicUrl: https://rackbridge.example.com
connections:
  - id: acme-dk
    rackbeat:
      apiTokenEnv: RB_TOKEN
    economic:
      appSecretTokenEnv: EC_APP
      agreementGrantTokenEnv: EC_GRANT
    orders:
      invoiceWhen: booked
      sendBy: email
`;

describe('connections file', () => {
  test('a good file loads with defaults filled in and secrets read from the environment', () => {
    const config = parseConnections(GOOD, env);
    assert.equal(config.publicUrl, 'https://rackbridge.example.com');
    const [c] = config.connections;
    assert.ok(c);
    assert.equal(c.id, 'acme-dk');
    assert.equal(c.rackbeat.baseUrl, 'https://app.rackbeat.com/api');
    assert.equal(c.rackbeat.apiToken.reveal(), 'rb-secret-value');
    assert.equal(c.economic?.baseUrl, 'https://restapi.e-conomic.com');
    assert.deepEqual(c.orders, { documentType: 'order', invoiceWhen: 'booked', bookInvoice: true, sendBy: 'email' });
  });

  test('secrets never show when the loaded configuration is logged or serialised', () => {
    const config = parseConnections(GOOD, env);
    const text = JSON.stringify(config) + String(config.connections[0]?.rackbeat.apiToken);
    for (const value of Object.values(env)) assert.ok(!text.includes(value), `secret ${value} leaked`);
  });

  test('invalid YAML names the line', () => {
    const found = problems('connections:\n  - id: a\n   rackbeat: [');
    assert.ok(found.length > 0);
    for (const p of found) assert.match(p, /^not valid YAML at line \d+: \S/);
  });

  test('a missing required setting names its path and shows an example', () => {
    assert.deepEqual(problems('connections:\n  - id: acme\n    rackbeat: {}\n'), [
      'connections[0].rackbeat.apiTokenEnv: is required — e.g. apiTokenEnv: RACKBEAT_API_TOKEN',
    ]);
  });

  test('a secret written in the file is refused with the variable to use instead', () => {
    assert.deepEqual(problems('connections:\n  - id: acme\n    rackbeat: { apiTokenEnv: RB_TOKEN, apiToken: abc123 }\n'), [
      'connections[0].rackbeat.apiToken: secrets are never written in the file — name an environment variable instead, e.g. apiTokenEnv: RACKBEAT_API_TOKEN',
    ]);
  });

  test('every problem is reported at once, one line each', () => {
    const found = problems(`
connections:
  - id: Acme_DK
    rackbeat: { apiTokenEnv: rb-token, baseUrl: ftp://x }
    orders: { invoiceWhen: paid, sendBy: fax }
    colour: blue
`);
    assert.deepEqual(found.sort(), [
      'connections[0].colour: unknown setting — check the spelling (see README, "Connections file")',
      'connections[0].id: must be lower-case letters, digits and dashes (it becomes part of workflow ids) — e.g. id: acme-dk',
      'connections[0].orders.invoiceWhen: Invalid option: expected one of "shipped"|"booked" — e.g. invoiceWhen: shipped   # or booked',
      'connections[0].orders.sendBy: Invalid option: expected one of "none"|"email"|"ean" — e.g. sendBy: email   # none, email or ean',
      'connections[0].rackbeat.apiTokenEnv: must be the NAME of an environment variable (upper case, digits, _), not the secret itself — e.g. apiTokenEnv: RACKBEAT_API_TOKEN',
      'connections[0].rackbeat.baseUrl: must be an http(s) URL — e.g. baseUrl: https://restapi.e-conomic.com',
    ]);
  });

  test('a key left empty says so instead of claiming it is missing', () => {
    assert.deepEqual(problems('connections:\n  - id: acme\n    rackbeat: { apiTokenEnv: RB_TOKEN }\n    notify:\n'), [
      'connections[0].notify: is empty — give it a value or remove the key',
    ]);
  });

  test('a Netvisor connection reads its four credentials from the environment', () => {
    const vars = { RB_TOKEN: 'r', NV_CID: 'cid', NV_CKEY: 'ckey', NV_PID: 'pid', NV_PKEY: 'pkey' };
    const config = parseConnections(
      'connections:\n  - id: fi\n    rackbeat: { apiTokenEnv: RB_TOKEN }\n    netvisor: { customerIdEnv: NV_CID, customerKeyEnv: NV_CKEY, partnerIdEnv: NV_PID, partnerKeyEnv: NV_PKEY, organisationId: 1967543-8 }\n',
      vars,
    );
    const netvisor = config.connections[0]?.netvisor;
    assert.equal(netvisor?.baseUrl, 'https://integration.netvisor.fi');
    assert.equal(netvisor?.language, 'EN');
    assert.equal(netvisor?.partnerKey.reveal(), 'pkey');
    assert.ok(!JSON.stringify(config).includes('pkey'));
  });

  test('a Netvisor business id in the wrong form, or a key written in the file, is refused', () => {
    assert.deepEqual(
      problems('connections:\n  - id: fi\n    rackbeat: { apiTokenEnv: RB_TOKEN }\n    netvisor: { customerIdEnv: A, customerKeyEnv: B, partnerIdEnv: C, partnerKey: secret, organisationId: "19675438" }\n').sort(),
      [
        'connections[0].netvisor.organisationId: must be a Finnish business id (Y-tunnus) such as 1967543-8 — e.g. organisationId: 1967543-8',
        'connections[0].netvisor.partnerKey: secrets are never written in the file — name an environment variable instead, e.g. partnerKeyEnv: NETVISOR_PARTNER_KEY',
        'connections[0].netvisor.partnerKeyEnv: is required — e.g. partnerKeyEnv: NETVISOR_PARTNER_KEY',
      ],
    );
  });

  test('shop sections read their secrets from the environment; the previous Shopify secret is kept for rotation', () => {
    const vars = { RB_TOKEN: 'r', SH_TOKEN: 'shpat_x', SH_SECRET: 'sec-now-1', SH_OLD: 'sec-before-2', WC_KEY: 'ck_1', WC_SECRET: 'cs_1', WC_HOOK: 'wc-hook-secret-3' };
    const config = parseConnections(
      [
        'connections:',
        '  - id: shop',
        '    rackbeat: { apiTokenEnv: RB_TOKEN }',
        '    shopify: { baseUrl: "https://acme.myshopify.com", shopDomain: acme.myshopify.com, accessTokenEnv: SH_TOKEN, apiSecretEnv: SH_SECRET, previousApiSecretEnv: SH_OLD }',
        '    woocommerce: { baseUrl: "https://shop.example.dk", consumerKeyEnv: WC_KEY, consumerSecretEnv: WC_SECRET, webhookSecretEnv: WC_HOOK }',
        '    webshop: { orderTrigger: created, shippingProduct: FRAGT }',
        '',
      ].join('\n'),
      vars,
    );
    const c = config.connections[0]!;
    assert.deepEqual(c.shopify?.apiSecrets.map((x) => x.reveal()), ['sec-now-1', 'sec-before-2']);
    assert.equal(c.shopify?.apiVersion, '2026-04');
    assert.equal(c.woocommerce?.webhookSecret.reveal(), 'wc-hook-secret-3');
    assert.deepEqual([c.webshop?.orderTrigger, c.webshop?.shippingProduct, c.webshop?.wooStatuses], ['created', 'FRAGT', ['processing', 'completed']]);
    assert.ok(!/shpat_x|sec-now-1|sec-before-2|cs_1|wc-hook-secret-3/.test(JSON.stringify(config)));
  });

  test('a shop domain that is not a myshopify.com domain, or an access token in the file, is refused', () => {
    assert.deepEqual(
      problems('connections:\n  - id: shop\n    rackbeat: { apiTokenEnv: RB_TOKEN }\n    shopify: { baseUrl: "https://acme.dk", shopDomain: acme.dk, accessToken: shpat_x, apiSecretEnv: S }\n').sort(),
      [
        'connections[0].shopify.accessToken: secrets are never written in the file — name an environment variable instead, e.g. accessTokenEnv: SHOPIFY_ACCESS_TOKEN',
        'connections[0].shopify.accessTokenEnv: is required — e.g. accessTokenEnv: SHOPIFY_ACCESS_TOKEN',
        'connections[0].shopify.shopDomain: must be the shop domain such as acme.myshopify.com — e.g. shopDomain: acme.myshopify.com',
      ],
    );
  });

  test('duplicate connection ids are refused', () => {
    assert.deepEqual(problems('connections:\n  - { id: a, rackbeat: { apiTokenEnv: RB_TOKEN } }\n  - { id: a, rackbeat: { apiTokenEnv: RB_TOKEN } }\n'), [
      "connections[1].id: duplicate connection id 'a' — e.g. id: acme-dk",
    ]);
  });

  test('an empty file says a connection is needed', () => {
    assert.deepEqual(problems('connections: []\n'), [
      'connections: needs at least one connection — e.g. connections:\n      - id: acme-dk\n        rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }',
    ]);
  });

  test('an unset environment variable is named without any secret value', () => {
    assert.deepEqual(problems(GOOD, { RB_TOKEN: 'x', EC_APP: '' }), [
      'connections[0].economic.appSecretTokenEnv: environment variable EC_APP is not set — e.g. export EC_APP=… before starting',
      'connections[0].economic.agreementGrantTokenEnv: environment variable EC_GRANT is not set — e.g. export EC_GRANT=… before starting',
    ]);
  });
});

describe('runtime environment', () => {
  test('defaults follow DESIGN.md §6', () => {
    const r = readRuntimeEnv({}, '/srv/app');
    assert.equal(r.port, 3000);
    assert.equal(r.sandboxPort, 4000);
    assert.equal(r.temporalUiPort, 8233);
    assert.equal(r.dataDir, '/srv/app/.data');
    assert.equal(r.temporalAddress, undefined);
    assert.equal(r.connectionsFile, undefined);
  });

  test('a bad port is refused with an example', () => {
    assert.throws(() => readRuntimeEnv({ PORT: 'eighty' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems, ['PORT=eighty: must be a port number 0–65535 — e.g. PORT=3000']);
      return true;
    });
  });
});

describe('shipped examples', () => {
  test('connections.example.yaml loads once its variables are set', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'connections.example.yaml'), 'utf8');
    const config = parseConnections(text, { RACKBEAT_API_TOKEN: 'a', ECONOMIC_APP_SECRET_TOKEN: 'b', ECONOMIC_AGREEMENT_GRANT_TOKEN: 'c' });
    assert.deepEqual(config.connections.map((c) => c.id), ['acme-dk']);
  });
});
