/*
 * The text of rackbridge's e-mails: a held transfer, and the daily digest per connection. Pure:
 * the activities pass in what they read from Temporal. Plain text, no personal data beyond what
 * the held sentence already names (it is written for the merchant).
 */

export interface Mail {
  subject: string;
  text: string;
}

/** The Temporal Web UI page of one workflow. */
export function workflowLink(webUiUrl: string, namespace: string, workflowId: string): string {
  return `${webUiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function heldMail(held: { connectionId: string; workflowId: string; source: string; code: string; message: string; link: string }): Mail {
  return {
    subject: `[rackbridge ${held.connectionId}] held: ${held.source} (${held.code})`,
    text: [
      `A transfer of connection ${held.connectionId} is held and waits for you.`,
      '',
      `Document:  ${held.source}`,
      `Reason:    ${held.code}`,
      `Fix:       ${held.message}`,
      '',
      `Once fixed, the transfer continues on the next change, or ask it now: npm run cli -- transfers retry ${held.workflowId}`,
      `Details:   ${held.link}`,
    ].join('\n'),
  };
}

export interface DigestTransfer {
  workflowId: string;
  flow: string;
  source: string;
  /** DONE, HELD, WAITING (running, not held), CANCELLED. */
  stage: string;
  heldReason?: string | undefined;
  heldMessage?: string | undefined;
  link: string;
}

export interface DigestCounts {
  flow: string;
  done: number;
  held: number;
  waiting: number;
}

/** Counts per flow, flows sorted by name. */
export function digestCounts(transfers: DigestTransfer[]): DigestCounts[] {
  const byFlow = new Map<string, DigestCounts>();
  for (const t of transfers) {
    const row = byFlow.get(t.flow) ?? { flow: t.flow, done: 0, held: 0, waiting: 0 };
    if (t.stage === 'DONE') row.done++;
    else if (t.stage === 'HELD') row.held++;
    else if (t.stage !== 'CANCELLED') row.waiting++;
    byFlow.set(t.flow, row);
  }
  return [...byFlow.values()].sort((a, b) => a.flow.localeCompare(b.flow));
}

export function digestMail(digest: { connectionId: string; since: string; until: string; transfers: DigestTransfer[]; truncated: boolean }): Mail {
  const counts = digestCounts(digest.transfers);
  const held = digest.transfers.filter((t) => t.stage === 'HELD');
  const total = (key: 'done' | 'held' | 'waiting') => counts.reduce((sum, c) => sum + c[key], 0);
  const lines = [
    `rackbridge daily digest for connection ${digest.connectionId}`,
    `Done since ${digest.since}; held and waiting as of ${digest.until}.`,
    '',
    `${'flow'.padEnd(20)} ${'done'.padStart(6)} ${'held'.padStart(6)} ${'waiting'.padStart(8)}`,
    ...counts.map((c) => `${c.flow.padEnd(20)} ${String(c.done).padStart(6)} ${String(c.held).padStart(6)} ${String(c.waiting).padStart(8)}`),
    ...(counts.length ? [] : ['(no transfers)']),
    '',
  ];
  if (held.length) {
    lines.push('Held, with what to fix:');
    for (const t of held) lines.push(`- ${t.source} (${t.flow}): ${t.heldReason ?? 'held'} — ${t.heldMessage ?? 'see the transfer'}`, `  ${t.link}`);
  } else lines.push('Nothing is held.');
  if (digest.truncated) lines.push('', 'More transfers than one mail lists: see npm run cli -- transfers list.');
  return { subject: `[rackbridge ${digest.connectionId}] daily digest: ${total('done')} done, ${total('held')} held, ${total('waiting')} waiting`, text: lines.join('\n') };
}
