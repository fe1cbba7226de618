import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestCounts, digestMail, heldMail, workflowLink } from '../../src/domain/notify/mails';

test('the Web UI link escapes the workflow id and tolerates a trailing slash', () => {
  assert.equal(workflowLink('http://ui:8233/', 'default', 'order:acme:7'), 'http://ui:8233/namespaces/default/workflows/order%3Aacme%3A7');
});

test('a held mail names the document, the reason, the fix sentence and how to retry', () => {
  const mail = heldMail({ connectionId: 'acme', workflowId: 'order:acme:7', source: 'rackbeat:order:7', code: 'X_MISSING', message: 'Set X on customer 4 in Rackbeat.', link: 'http://ui/x' });
  assert.equal(mail.subject, '[rackbridge acme] held: rackbeat:order:7 (X_MISSING)');
  assert.match(mail.text, /^Fix: +Set X on customer 4 in Rackbeat\.$/m);
  assert.match(mail.text, /transfers retry order:acme:7/);
  assert.match(mail.text, /^Details: +http:\/\/ui\/x$/m);
});

test('the digest counts per flow: running and not held is waiting, cancelled is not counted', () => {
  const t = (flow: string, stage: string) => ({ workflowId: `${flow}:${stage}`, flow, source: 's', stage, link: 'l' });
  assert.deepEqual(digestCounts([t('order', 'DONE'), t('order', 'HELD'), t('order', 'WAITING'), t('netvisor-invoice', 'DONE'), t('order', 'CANCELLED')]), [
    { flow: 'netvisor-invoice', done: 1, held: 0, waiting: 0 },
    { flow: 'order', done: 1, held: 1, waiting: 1 },
  ]);
  const empty = digestMail({ connectionId: 'acme', since: 'a', until: 'b', transfers: [], truncated: false });
  assert.match(empty.text, /\(no transfers\)/);
  assert.match(empty.text, /Nothing is held\./);
});
