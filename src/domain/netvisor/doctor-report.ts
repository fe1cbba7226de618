import type { NetvisorHold } from './hold-codes';

/** The doctor's checks, in the order the report lists them. */
export const DOCTOR_CHECKS = ['credentials', 'accounting period', 'number series', 'payment terms', 'VAT percentages', 'product names', 'customer details', 'customer group', 'Rackbeat webhooks'] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];

/** Checks that run only when the connection gives what they need; the report lists them only when they ran. */
const OPTIONAL_CHECKS: readonly DoctorCheck[] = ['Rackbeat webhooks'];

/** `block`: documents would be held; `warn`: worth a look, does not stop go-live. */
export type DoctorSeverity = 'block' | 'warn';

export interface DoctorFinding extends NetvisorHold {
  check: DoctorCheck;
  severity: DoctorSeverity;
}

export interface DoctorReport {
  connectionId: string;
  /** `YYYY-MM-DD` the period check used. */
  date: string;
  findings: DoctorFinding[];
  /** Checks that could not run, with why (e.g. the credentials failed). */
  skipped: { check: DoctorCheck; reason: string }[];
  /** Optional checks that ran (e.g. `Rackbeat webhooks` when the public URL is known). */
  ran?: DoctorCheck[];
}

export const DOCTOR_EXIT = { ok: 0, blocked: 1, usage: 2 } as const;

export function doctorExitCode(report: DoctorReport): number {
  return report.findings.some((f) => f.severity === 'block') || report.skipped.length > 0 ? DOCTOR_EXIT.blocked : DOCTOR_EXIT.ok;
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The readable report: one group per check with its counts, each problem with its fix. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`rackbridge doctor: connection '${report.connectionId}', Rackbeat → Netvisor, period checked for ${report.date}`, ''];
  for (const check of DOCTOR_CHECKS) {
    const skipped = report.skipped.find((s) => s.check === check);
    const findings = report.findings.filter((f) => f.check === check);
    const blocking = findings.filter((f) => f.severity === 'block').length;
    const warnings = findings.length - blocking;
    if (OPTIONAL_CHECKS.includes(check) && !skipped && findings.length === 0 && !report.ran?.includes(check)) continue;
    if (skipped) lines.push(`  SKIP  ${check}: not checked, ${skipped.reason}`);
    else if (findings.length === 0) lines.push(`  OK    ${check}`);
    else lines.push(`  ${blocking ? 'FAIL' : 'WARN'}  ${check}: ${[blocking ? count(blocking, 'blocking problem') : '', warnings ? count(warnings, 'warning') : ''].filter(Boolean).join(', ')}`);
    for (const f of findings) lines.push(`        ${f.severity === 'block' ? '✗' : '!'} ${f.code}: ${f.message}`);
  }
  const blocking = report.findings.filter((f) => f.severity === 'block').length;
  const warnings = report.findings.length - blocking;
  const verdict = doctorExitCode(report) === DOCTOR_EXIT.ok ? 'nothing blocks go-live' : 'fix the blocking problems before go-live';
  lines.push('', `${count(blocking, 'blocking problem')}, ${count(warnings, 'warning')}, ${count(report.skipped.length, 'check')} skipped: ${verdict}.`);
  return lines.join('\n');
}
