import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Netvisor's published DTDs and recorded answers (../shared/fixtures/netvisor, beside the repo). */
export const NETVISOR_FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/netvisor');
const hasFixtures = existsSync(path.join(NETVISOR_FIXTURES, 'dtd'));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** False when the DTD check can run; otherwise why it is skipped. */
export const skipNetvisorDtd: string | false = !hasFixtures
  ? `no Netvisor fixtures at ${NETVISOR_FIXTURES}`
  : !hasXmllint
    ? 'xmllint is not installed (Debian package libxml2-utils; .ci/run installs it)'
    : false;

/** The DTD for each resource rackbridge POSTs to. */
const DTD_OF: Record<string, string> = { 'customer.nv': 'customer', 'product.nv': 'product', 'salesinvoice.nv': 'salesinvoice' };

/**
 * The DTD copies are internal subsets (`<!DOCTYPE root [ … ]>`); xmllint --dtdvalid reads an
 * external DTD, so the wrapper is dropped. One element is newer than the copies: `paymentterm`
 * (R3, reference §6.2), inserted before `paymenttermnetdays` as the current API has it.
 */
export function externalDtd(name: string, dir: string): string {
  let text = readFileSync(path.join(NETVISOR_FIXTURES, 'dtd', `${name}.dtd`), 'latin1')
    .replace(/^\s*<!DOCTYPE\s+root\s*\[/, '')
    .replace(/\]>\s*$/, '');
  if (name === 'salesinvoice') {
    text = text.replace('paymenttermnetdays?,', 'paymentterm?, paymenttermnetdays?,');
    text += '\n<!ELEMENT paymentterm (#PCDATA)>\n<!ATTLIST paymentterm type (netvisor|customerdefault|companydefault|default) #REQUIRED>\n';
  }
  const file = path.join(dir, `${name}.dtd`);
  writeFileSync(file, text, 'latin1');
  return file;
}

export interface LoggedPost {
  path: string;
  body: unknown;
}

/**
 * Validates each logged Netvisor POST body with `xmllint --dtdvalid` against its resource's DTD.
 * Returns one message per invalid body or unknown resource (empty when all are valid).
 */
export function netvisorDtdProblems(posts: readonly LoggedPost[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'nv-dtd-'));
  const problems: string[] = [];
  for (const [i, post] of posts.entries()) {
    const resource = post.path.replace(/^\//, '').split('?')[0]!.toLowerCase();
    const dtd = DTD_OF[resource];
    if (!dtd) {
      problems.push(`no DTD known for POST ${resource}: add it to test/helpers/netvisor-dtd.ts`);
      continue;
    }
    const file = path.join(dir, `${i}.xml`);
    writeFileSync(file, String(post.body), 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--dtdvalid', externalDtd(dtd, dir), file], { encoding: 'utf8' });
    if (run.status !== 0) problems.push(`POST ${resource} is not valid against ${dtd}.dtd:\n${run.stderr}\n${String(post.body)}`);
  }
  return problems;
}
