import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { EmailSettings } from '../../src/config';
import { Secret } from '../../src/domain/secret';
import { ensureDigestSchedules } from '../../src/temporal/digest-schedules';
import { digestScheduleId } from '../../src/workflows/digest/contract';
import { orderWorkflowId, retrySignal } from '../../src/workflows/order/contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { eventually } from '../helpers/temporal';

const FIX = 'Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.';

describe('e-mail: a held transfer mails once with its fix and link; the daily digest counts per flow', () => {
  const mails: ParsedMail[] = [];
  const logins: string[] = [];
  let smtp: SMTPServer;
  let h: LifecycleHarness;

  before(async () => {
    // A real SMTP server: nodemailer speaks SMTP to it, with AUTH; the messages are parsed as sent.
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, done) {
        logins.push(`${auth.username}:${auth.password ?? ''}`);
        if (auth.username === 'rackbridge' && auth.password === 's3cret') done(null, { user: auth.username });
        else done(new Error('bad credentials'));
      },
      onData(stream, _session, done) {
        simpleParser(stream).then(
          (mail) => {
            mails.push(mail);
            done();
          },
          (err: Error) => done(err),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const email: EmailSettings = {
      smtp: { host: '127.0.0.1', port, secure: false, user: 'rackbridge', password: new Secret('s3cret') },
      from: 'rackbridge@shop.test',
      to: ['books@shop.test'],
      webUiUrl: 'http://ui.test:8233',
      digest: { hour: 7, timezone: 'Europe/Copenhagen' },
    };
    h = await startLifecycleHarness([{ id: 'acme', customise: (c) => ({ ...c, email }) }]);
    await ensureDigestSchedules(h.client, [h.conn('acme').connection]);
  });
  after(async () => {
    await h.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  const mailsFor = (workflowId: string) => mails.filter((m) => m.headers.get('x-rackbridge-workflow') === workflowId);

  test('a held order sends exactly one mail with the fix sentence and the Web UI link, also after a retry holds it again', async () => {
    const { rackbeat } = h.conn('acme');
    const order = await rackbeat.createOrder({ customer_id: 4, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await rackbeat.bookOrder(order.number);
    const id = orderWorkflowId('acme', order.number);
    await h.waitFor('acme', order.number, 'HELD');
    const [mail] = await eventually(async () => (mailsFor(id).length ? mailsFor(id) : undefined), 'the held mail');
    assert.ok(mail);
    assert.match(mail.subject ?? '', /^\[rackbridge acme\] held: rackbeat:order:\d+ \(CUSTOMER_PAYMENT_TERMS_MISSING\)$/);
    assert.ok(mail.text?.includes(`Fix:       ${FIX}`), mail.text);
    assert.ok(mail.text?.includes(`http://ui.test:8233/namespaces/default/workflows/${encodeURIComponent(id)}`), mail.text);
    assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [], ['books@shop.test']);
    assert.equal(mail.from?.value[0]?.address, 'rackbridge@shop.test');
    assert.ok(logins.includes('rackbridge:s3cret'), 'nodemailer logged in with the password from the settings');

    // A retry that is held for the same reason does not mail again.
    await h.client.workflow.getHandle(id).signal(retrySignal);
    await h.waitFor('acme', order.number, 'HELD', (s) => s.steps.filter((x) => x.result === 'held').length >= 2);
    assert.equal(mailsFor(id).length, 1);
    // (The digest test below checks again once more mail has gone through the same server.)
  });

  test('the daily digest (its schedule, run now) counts done, held and waiting per flow and lists the held with their fix', async () => {
    const { rackbeat } = h.conn('acme');
    const done = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'LAMP-RED', quantity: 1 }] });
    await rackbeat.bookOrder(done.number);
    await h.waitFor('acme', done.number, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, done.number);
    await h.waitFor('acme', done.number, 'DONE');
    await eventually(async () => {
      const closed = await h.client.workflow.count(`WorkflowId = '${orderWorkflowId('acme', done.number)}' AND ExecutionStatus = 'Completed'`);
      return closed.count > 0 ? true : undefined;
    }, 'the done transfer closed in visibility');

    await h.client.schedule.getHandle(digestScheduleId('acme')).trigger();
    const digest = await eventually(async () => mails.find((m) => m.headers.get('x-rackbridge-digest') === 'acme'), 'the digest mail');
    assert.equal(digest.subject, '[rackbridge acme] daily digest: 1 done, 1 held, 0 waiting');
    const text = digest.text ?? '';
    assert.match(text, /^order\s+1\s+1\s+0$/m, text);
    assert.ok(text.includes(`(order): CUSTOMER_PAYMENT_TERMS_MISSING — ${FIX}`), text);
    assert.ok(text.includes('http://ui.test:8233/namespaces/default/workflows/order%3Aacme%3A'), text);
    const spec = await h.client.schedule.getHandle(digestScheduleId('acme')).describe();
    assert.equal(spec.spec.timezone, 'Europe/Copenhagen');
    // The held mail was still sent once only.
    assert.equal(mails.filter((m) => m.headers.get('x-rackbridge-held')).length, 1);
  });
});
