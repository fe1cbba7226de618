/** Where one source document stands for its flow: the verdict a backfill or a preview prints. */
/** `skipped`: nothing will ever be sent for it (a shop's test order). */
export type PreviewVerdict = 'new' | 'transferred' | 'held' | 'waiting' | 'cancelled' | 'skipped';

export interface DocumentPreview {
  /** e.g. `order 1042`, `invoice 7`, `Shopify order #1001`. */
  label: string;
  /** The source document's number, as the flow's backfill lists it (`1042`, `shopify:820982911946154508`). */
  number: string;
  date: string | undefined;
  verdict: PreviewVerdict;
  /** One sentence: why, or what exists. */
  detail: string;
  heldCode?: string;
  /** What would be sent (and what it would change), as printed lines. */
  document?: string[];
}

export function formatPreview(p: DocumentPreview, options: { documents: boolean }): string {
  const lines = [`${p.label}${p.date ? ` (${p.date})` : ''}  ${p.verdict.toUpperCase()}${p.heldCode ? ` ${p.heldCode}` : ''}  ${p.detail}`];
  if (options.documents && p.document) lines.push(...p.document);
  return lines.join('\n');
}

/** What a backfill starts: documents not yet transferred (new ones, and those that would be held: their transfer holds them with the fix). */
export function toStart(previews: DocumentPreview[]): string[] {
  return previews.filter((p) => p.verdict === 'new' || p.verdict === 'held').map((p) => p.number);
}

export function summarise(previews: DocumentPreview[], noun: string): string {
  const counts = new Map<string, number>();
  for (const p of previews) counts.set(p.verdict, (counts.get(p.verdict) ?? 0) + 1);
  const parts = ['new', 'transferred', 'held', 'waiting', 'cancelled', 'skipped'].filter((v) => counts.has(v)).map((v) => `${counts.get(v)} ${v}`);
  return `${previews.length} ${noun}(s) in the window${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
