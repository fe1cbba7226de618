import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU used while a bench phase runs, from /proc (Linux): cores busy on average and in the busiest
 * second, for the whole machine and for named groups of processes. A group's share shows whether it
 * could have been the bottleneck; the machine's shows whether anything was waiting for a core.
 */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function processTicks(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machineTicks(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

/** Direct children of `pid` whose command is `command` (the dev server the bench started: `temporal`). */
export function childPids(pid: number, command: string): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && name === command) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

export interface CpuUse {
  mean: number;
  peak: number;
}

export function startCpuMeter(groups: Record<string, number[]>): { stop(): Record<string, CpuUse> } {
  const read = (): Record<string, number> => ({ machine: machineTicks(), ...Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + processTicks(pid), 0)])) });
  const first = read();
  const startedAt = performance.now();
  let last = first;
  let lastAt = startedAt;
  const peak: Record<string, number> = {};
  const timer = setInterval(() => {
    const now = read();
    const at = performance.now();
    for (const name of Object.keys(now)) peak[name] = Math.max(peak[name] ?? 0, (now[name]! - last[name]!) / TICKS_PER_SECOND / ((at - lastAt) / 1000));
    last = now;
    lastAt = at;
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      const end = read();
      const seconds = (performance.now() - startedAt) / 1000;
      return Object.fromEntries(Object.keys(end).map((name) => [name, { mean: (end[name]! - first[name]!) / TICKS_PER_SECOND / seconds, peak: peak[name] ?? 0 }]));
    },
  };
}
