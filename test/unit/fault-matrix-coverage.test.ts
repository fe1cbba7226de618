import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EconomicClient } from '../../src/connectors/economic';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { ShopifyClient } from '../../src/connectors/shopify';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import { WRITE_ROWS, WRITES_LEFT_OUT, type WriteSystem } from '../fault-matrix/writes';

const CLIENTS: Record<WriteSystem, { prototype: object }> = { economic: EconomicClient, netvisor: NetvisorClient, rackbeat: RackbeatClient, shopify: ShopifyClient, woocommerce: WooCommerceClient };

/** A client's write operations, from its own methods: every verb that changes something upstream. */
const WRITE_VERB = /^(create|replace|delete|register|book|add|edit|update|cancel|mark|convert|set|batch|reactivate)[A-Z]/;
function writeMethods(system: WriteSystem): Set<string> {
  return new Set(Object.getOwnPropertyNames(CLIENTS[system].prototype).filter((name) => WRITE_VERB.test(name)));
}

/** Every `<receiver>.<write>(` call in the activities (their sub-folders too: the shop ports), with the receiver's last name segment. */
function activityWriteCalls(): { receiver: string; method: string; file: string }[] {
  const dir = join(__dirname, '..', '..', 'src', 'activities');
  const allWrites = new Set(Object.keys(CLIENTS).flatMap((s) => [...writeMethods(s as WriteSystem)]));
  const calls: { receiver: string; method: string; file: string }[] = [];
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const match of text.matchAll(/([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\(/g)) {
      const [, receiver = '', method = ''] = match;
      if (allWrites.has(method)) calls.push({ receiver, method, file });
    }
  }
  return calls;
}

describe('fault matrix coverage: every connector write an activity makes has a row', () => {
  const systems = Object.keys(CLIENTS) as WriteSystem[];
  const calls = activityWriteCalls();

  test('the activities call connector writes only through receivers named after their system', () => {
    const unknown = calls.filter((c) => !systems.includes(c.receiver as WriteSystem)).map((c) => `${c.file}: ${c.receiver}.${c.method}`);
    assert.deepEqual(unknown, [], 'name the client variable after its system (economic, netvisor, rackbeat, shopify, woocommerce) so the matrix can see the write');
  });

  test('each write called by an activity has a row in WRITE_ROWS, or a reason in WRITES_LEFT_OUT', () => {
    const called = new Set(calls.filter((c) => systems.includes(c.receiver as WriteSystem) && writeMethods(c.receiver as WriteSystem).has(c.method)).map((c) => `${c.receiver}.${c.method}`));
    const rowed = new Set(WRITE_ROWS.map((r) => `${r.system}.${r.method}`));
    const missing = [...called].filter((w) => !rowed.has(w) && WRITES_LEFT_OUT[w] === undefined).sort();
    assert.deepEqual(missing, []);
  });

  test('each row names a write its client really has and an activity really calls; ids are unique', () => {
    const called = new Set(calls.map((c) => `${c.receiver}.${c.method}`));
    for (const row of WRITE_ROWS) {
      assert.ok(writeMethods(row.system).has(row.method), `${row.id}: ${row.system} client has no write ${row.method}`);
      assert.ok(called.has(`${row.system}.${row.method}`), `${row.id}: no activity calls ${row.system}.${row.method}`);
    }
    assert.equal(new Set(WRITE_ROWS.map((r) => r.id)).size, WRITE_ROWS.length);
    for (const left of Object.keys(WRITES_LEFT_OUT)) assert.ok(called.has(left), `${left} is left out but no activity calls it any more: drop it from WRITES_LEFT_OUT`);
  });
});
