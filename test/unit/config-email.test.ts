import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConnections } from '../../src/config';

const env = { RB_TOKEN: 'rb', SMTP_PASSWORD: 'smtp-secret-value' };

function connection(extra: string, top = ''): string {
  return `${top}
connections:
  - id: shop-a
    rackbeat: { apiTokenEnv: RB_TOKEN }
${extra}
  - id: shop-b
    rackbeat: { apiTokenEnv: RB_TOKEN }
`;
}

describe('connections file: e-mail settings', () => {
  test('installation settings apply to every connection; a connection overrides field by field; the password comes from the environment', () => {
    const top = `email:
  smtp: { host: smtp.example.com, user: rackbridge, passwordEnv: SMTP_PASSWORD }
  from: rackbridge@example.com
  to: [books@example.com]
`;
    const config = parseConnections(connection(`    email: { to: [shop-a@example.com], digest: { hour: 6, timezone: Europe/Helsinki } }`, top), env);
    const [a, b] = config.connections;
    assert.deepEqual(a?.email?.to, ['shop-a@example.com']);
    assert.deepEqual(a?.email?.digest, { hour: 6, timezone: 'Europe/Helsinki' });
    assert.equal(a?.email?.smtp.host, 'smtp.example.com');
    assert.equal(a?.email?.smtp.password?.reveal(), 'smtp-secret-value');
    assert.deepEqual(b?.email?.to, ['books@example.com']);
    assert.equal(b?.email?.smtp.port, 587);
    assert.deepEqual(b?.email?.digest, { hour: 7, timezone: 'UTC' }, 'the default digest: 07:00 UTC');
    assert.equal(b?.email?.webUiUrl, 'http://localhost:8233');
    assert.ok(!JSON.stringify(config).includes('smtp-secret-value'), 'the password never serialises');
  });

  test('no e-mail settings: no mail; digest false: mails without a digest', () => {
    const none = parseConnections(connection(''), env);
    assert.equal(none.connections[0]?.email, undefined);
    const noDigest = parseConnections(connection(`    email: { smtp: { host: smtp.example.com }, from: a@example.com, to: [b@example.com], digest: false }`), env);
    assert.equal(noDigest.connections[0]?.email?.digest, undefined);
  });

  test('a password in the file, a missing variable or a missing recipient are refused with the fix', () => {
    const refused = (text: string, vars: NodeJS.ProcessEnv = env): string[] => {
      try {
        parseConnections(text, vars);
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
      }
      assert.fail('expected a refusal');
    };
    assert.match(refused(connection(`    email: { smtp: { host: h.example.com, password: hunter2 }, from: a@example.com, to: [b@example.com] }`)).join('\n'), /secrets are never written in the file.*passwordEnv: SMTP_PASSWORD/);
    assert.match(refused(connection(`    email: { smtp: { host: h.example.com, passwordEnv: SMTP_PASSWORD }, from: a@example.com, to: [b@example.com] }`), { RB_TOKEN: 'rb' }).join('\n'), /SMTP_PASSWORD is not set/);
    assert.match(refused(connection(`    email: { smtp: { host: h.example.com }, from: a@example.com }`)).join('\n'), /connections\[0\]\.email\.to: is required/);
  });
});
