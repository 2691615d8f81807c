// Where the CPU goes during a bench:scan run: per process role (scan workers, coordinator, Redis,
// the lab's resolver, authoritative server, SMTP listeners, policy hosts) from /proc/<pid>/stat
// before and after the run, and the whole machine from /proc/stat, so the rest (other sessions'
// jobs on the same cores) is visible too. Linux only, as the lab is.
//
// A process's own time plus the time of the children it has reaped (utime + stime + cutime +
// cstime) is summed over each role's process trees: a Postfix smtpd that served one connection
// and exited is still counted, in its master's cutime.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (`getconf CLK_TCK`)

interface ProcSample {
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime, in ticks. */
  ticks: number;
  cmdline: string;
  exe: string;
}

export interface CpuSnapshot {
  procs: Map<number, ProcSample>;
  /** Busy ticks of the whole machine (all cores), from /proc/stat. */
  machineBusy: number;
  at: number;
}

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

function sampleProc(pid: number): ProcSample | null {
  const stat = read(`/proc/${pid}/stat`);
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  // Fields after the command: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const fields = stat
    .slice(close + 2)
    .split(' ')
    .map((f) => Number(f));
  const at = (field: number) => fields[field - 3] ?? 0;
  let exe = '';
  try {
    exe = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    // Kernel threads and processes that exited meanwhile have none.
  }
  return {
    ppid: at(4),
    comm,
    ticks: at(14) + at(15) + at(16) + at(17),
    cmdline: read(`/proc/${pid}/cmdline`).replaceAll('\0', ' '),
    exe,
  };
}

function machineBusyTicks(): number {
  const line = read('/proc/stat').split('\n')[0] ?? '';
  const [, ...values] = line.trim().split(/\s+/);
  const n = values.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return n.slice(0, 8).reduce((a, b) => a + b, 0) - idle;
}

export function cpuSnapshot(): CpuSnapshot {
  const procs = new Map<number, ProcSample>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const sample = sampleProc(Number(name));
    if (sample) procs.set(Number(name), sample);
  }
  return { procs, machineBusy: machineBusyTicks(), at: performance.now() };
}

/** The roles the bench knows by pid (workers, Redis); the lab's daemons are found by program. */
export type KnownPids = Map<number, string>;

function ownRole(pid: number, p: ProcSample, known: KnownPids): string | null {
  const role = known.get(pid);
  if (role) return role;
  if (p.comm === 'unbound') return 'resolver (unbound, DoH)';
  if (p.comm === 'knotd') return 'authoritative (knot)';
  if (p.exe.startsWith('/usr/lib/postfix/')) return 'SMTP listeners (postfix)';
  if (p.comm === 'nginx') return 'policy hosts (nginx)';
  if (p.cmdline.includes('population/policy-server.ts')) return 'policy server (population)';
  if (p.cmdline.includes('test/lab/adversarial')) return 'lab adversarial servers';
  return null;
}

/** Role of a process: its own, else its nearest ancestor's (a Postfix smtpd is its master's). */
function roleOf(pid: number, procs: Map<number, ProcSample>, known: KnownPids): string | null {
  let current = pid;
  for (let depth = 0; depth < 32; depth++) {
    const p = procs.get(current);
    if (!p) return null;
    const role = ownRole(current, p, known);
    if (role) return role;
    current = p.ppid;
  }
  return null;
}

export interface CpuByRole {
  seconds: number;
  /** Role → CPU seconds between the two snapshots. */
  roles: Map<string, number>;
  machine: number;
  cores: number;
}

/** CPU seconds per role between two snapshots; `extra` adds processes measured otherwise. */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
  known: KnownPids,
  extra: Record<string, number> = {},
): CpuByRole {
  const roles = new Map<string, number>(Object.entries(extra));
  for (const [pid, p] of after.procs) {
    // A role's process that was a descendant of a known one is counted once: only where the
    // role starts (its own tree root), since a parent's cutime already holds reaped children.
    const role = roleOf(pid, after.procs, known);
    if (!role) continue;
    const start = before.procs.get(pid);
    const delta = p.ticks - (start && start.comm === p.comm ? start.ticks : 0);
    roles.set(role, (roles.get(role) ?? 0) + delta / TICKS_PER_SECOND);
  }
  return {
    seconds: (after.at - before.at) / 1000,
    roles,
    machine: (after.machineBusy - before.machineBusy) / TICKS_PER_SECOND,
    cores: cpus().length,
  };
}

/** Single-threaded roles: one of them near one core busy is the bottleneck whatever the cores. */
const SINGLE_THREADED = new Set(['resolver (unbound, DoH)', 'Redis', 'coordinator']);

/** Names what limits the run, from the CPU figures: a saturated role, full cores, or neither. */
export function nameBottleneck(cpu: CpuByRole): string {
  const busy = [...cpu.roles].map(([role, s]) => ({ role, cores: s / cpu.seconds }));
  const saturated = busy.find((b) => SINGLE_THREADED.has(b.role) && b.cores >= 0.85);
  if (saturated)
    return `${saturated.role} is saturated (${saturated.cores.toFixed(2)} of its one core)`;
  const machine = cpu.machine / cpu.seconds;
  if (machine >= cpu.cores * 0.85) {
    const top = busy.sort((a, b) => b.cores - a.cores)[0];
    return `the machine's ${cpu.cores} cores are full (${machine.toFixed(2)} busy; largest: ${top?.role} ${top?.cores.toFixed(2)})`;
  }
  return `no CPU limit (${machine.toFixed(2)} of ${cpu.cores} cores busy): the scan waits on latency`;
}

/** Markdown rows: role, CPU s, ms per domain, cores busy; then the machine and the rest. */
export function cpuRows(cpu: CpuByRole, domains: number): string[] {
  const row = (role: string, s: number) =>
    `| ${role} | ${s.toFixed(1)} | ${((s * 1000) / domains).toFixed(1)} | ${(s / cpu.seconds).toFixed(2)} |`;
  const sorted = [...cpu.roles].sort((a, b) => b[1] - a[1]);
  const accounted = sorted.reduce((sum, [, s]) => sum + s, 0);
  return [
    ...sorted.map(([role, s]) => row(role, s)),
    row('**scan and lab, total**', accounted),
    row('rest of the machine (other sessions)', Math.max(0, cpu.machine - accounted)),
    row(`**machine (${cpu.cores} cores)**`, cpu.machine),
  ];
}

/** Per process, CPU ticks by thread: `main thread` (the JavaScript one), else the thread's name. */
export type ThreadSnapshot = Map<number, Map<string, number>>;

/**
 * Each thread's utime + stime (`/proc/<pid>/task/<tid>/stat`) of the given processes, summed by
 * name: a worker's JavaScript runs on its main thread, WebCrypto on libuv's pool
 * (`libuv-worker`), garbage collection and optimising compilation on V8's (`V8 DefaultWorke`).
 */
export function threadSnapshot(pids: number[]): ThreadSnapshot {
  const snapshot: ThreadSnapshot = new Map();
  for (const pid of pids) {
    const byName = new Map<string, number>();
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      // exited
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const close = stat.lastIndexOf(')');
      if (close < 0) continue;
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime(14), stime(15)
      const name = Number(tid) === pid ? 'main thread' : stat.slice(stat.indexOf('(') + 1, close);
      byName.set(name, (byName.get(name) ?? 0) + ticks);
    }
    snapshot.set(pid, byName);
  }
  return snapshot;
}

export interface ThreadCpu {
  /** Thread name → CPU seconds, summed over the processes. */
  byName: Map<string, number>;
  /** The busiest process's main thread, in cores (1.0: its JavaScript thread never waited). */
  busiestMain: number;
}

/** CPU seconds by thread name between two snapshots of the same processes. */
export function threadsBetween(
  before: ThreadSnapshot,
  after: ThreadSnapshot,
  seconds: number,
): ThreadCpu {
  const byName = new Map<string, number>();
  let busiestMain = 0;
  for (const [pid, names] of after) {
    for (const [name, ticks] of names) {
      const delta = (ticks - (before.get(pid)?.get(name) ?? 0)) / TICKS_PER_SECOND;
      byName.set(name, (byName.get(name) ?? 0) + delta);
      if (name === 'main thread') busiestMain = Math.max(busiestMain, delta / seconds);
    }
  }
  return { byName, busiestMain };
}

/** Markdown rows: thread name, CPU s, ms per domain (all workers together). */
export function threadRows(threads: ThreadCpu, domains: number): string[] {
  return [...threads.byName]
    .sort((a, b) => b[1] - a[1])
    .filter(([, s]) => s > 0)
    .map(([name, s]) => `| ${name} | ${s.toFixed(1)} | ${((s * 1000) / domains).toFixed(2)} |`);
}
