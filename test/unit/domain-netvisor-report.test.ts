import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doctorExitCode, type DoctorReport, formatDoctorReport, netvisorHolds } from '../../src/domain/netvisor';

const base: DoctorReport = { connectionId: 'acme-fi', date: '2026-06-15', findings: [], skipped: [] };
const overlap = { check: 'number series' as const, severity: 'block' as const, ...netvisorHolds.numberSeriesOverlap('invoice', 5002, 9000) };
const unverified = { check: 'number series' as const, severity: 'warn' as const, ...netvisorHolds.numberSeriesUnverified('order', 500) };

describe('doctor report', () => {
  const cases: { name: string; report: DoctorReport; exit: number }[] = [
    { name: 'a clean report exits 0', report: base, exit: 0 },
    { name: 'warnings alone exit 0', report: { ...base, findings: [unverified] }, exit: 0 },
    { name: 'a blocking problem exits 1', report: { ...base, findings: [unverified, overlap] }, exit: 1 },
    { name: 'a skipped check exits 1, because nothing proved it clean', report: { ...base, skipped: [{ check: 'VAT percentages', reason: 'Netvisor did not answer' }] }, exit: 1 },
  ];
  for (const c of cases) test(c.name, () => assert.equal(doctorExitCode(c.report), c.exit));

  test('the report groups problems by check with counts, each with its fix, and ends with the verdict', () => {
    const report: DoctorReport = { ...base, findings: [overlap, unverified], skipped: [{ check: 'customer details', reason: 'Netvisor did not answer' }] };
    assert.equal(
      formatDoctorReport(report),
      [
        "rackbridge doctor: connection 'acme-fi', Rackbeat → Netvisor, period checked for 2026-06-15",
        '',
        '  OK    credentials',
        '  OK    accounting period',
        '  FAIL  number series: 1 blocking problem, 1 warning',
        `        ✗ NUMBER_SERIES_OVERLAP: ${overlap.message}`,
        `        ! NUMBER_SERIES_UNVERIFIED: ${unverified.message}`,
        '  OK    payment terms',
        '  OK    VAT percentages',
        '  OK    product names',
        '  SKIP  customer details: not checked, Netvisor did not answer',
        '  OK    customer group',
        '',
        '1 blocking problem, 1 warning, 1 check skipped: fix the blocking problems before go-live.',
      ].join('\n'),
    );
  });

  test('a report with warnings only says nothing blocks go-live', () => {
    const text = formatDoctorReport({ ...base, findings: [unverified] });
    assert.match(text, /^ {2}WARN {2}number series: 1 warning$/m);
    assert.match(text, /0 blocking problems, 1 warning, 0 checks skipped: nothing blocks go-live\.$/);
  });
});
