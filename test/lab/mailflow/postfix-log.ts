// Reads the lab Postfix's log to say what each hop of a message really was: which queue it
// passed, which client the receiving smtpd saw, and the TLS protocol it negotiated (or none).
// This is the ground truth the Roundcube e2e test compares the extension's report with.

export interface LoggedHop {
  readonly queueId: string;
  /** Client address the receiving smtpd logged. */
  readonly client: string | null;
  /** "TLSv1.3" etc., or null for a cleartext session. */
  readonly tls: string | null;
  readonly cipher: string | null;
}

export interface LoggedDelivery {
  readonly hops: readonly LoggedHop[];
  /** True once LMTP handed the last queue's message to Dovecot. */
  readonly delivered: boolean;
}

interface Line {
  readonly program: string;
  readonly pid: string;
  readonly text: string;
}

function parse(log: string): Line[] {
  const lines: Line[] = [];
  for (const raw of log.split('\n')) {
    const m = /postfix\/([\w-]+)\[(\d+)\]: (.*)$/.exec(raw);
    if (m) lines.push({ program: m[1] ?? '', pid: m[2] ?? '', text: m[3] ?? '' });
  }
  return lines;
}

/** The smtpd session that received `queueId`: its client and TLS, from that session's lines. */
function receivingSession(lines: Line[], queueId: string): Omit<LoggedHop, 'queueId'> {
  const at = lines.findIndex(
    (l) => l.program === 'smtpd' && l.text.startsWith(`${queueId}: client=`),
  );
  if (at < 0) return { client: null, tls: null, cipher: null };
  const line = lines[at] as Line;
  const client = /client=[^[]*\[([^\]]+)\]/.exec(line.text)?.[1] ?? null;
  // Walk back through this smtpd process's lines to its "connect from" (processes are reused).
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i] as Line;
    if (l.program !== 'smtpd' || l.pid !== line.pid) continue;
    const tls = /TLS connection established from [^:]+: (TLSv[\d.]+) with cipher (\S+)/.exec(
      l.text,
    );
    if (tls) return { client, tls: tls[1] ?? null, cipher: tls[2] ?? null };
    if (l.text.startsWith('connect from')) break;
  }
  return { client, tls: null, cipher: null };
}

/** Follows a message from its submission queue id through each "queued as" to Dovecot. */
export function traceMessage(log: string, submissionQueueId: string): LoggedDelivery {
  const lines = parse(log);
  const hops: LoggedHop[] = [];
  let queueId: string | null = submissionQueueId;
  while (queueId !== null && hops.length < 10) {
    hops.push({ queueId, ...receivingSession(lines, queueId) });
    const id: string = queueId;
    const sent = lines.find(
      (l) => l.text.startsWith(`${id}: to=<`) && l.text.includes('status=sent'),
    );
    if (!sent) return { hops, delivered: false };
    const next = /queued as ([0-9A-Za-z]+)\)/.exec(sent.text)?.[1];
    if (!next) return { hops, delivered: /\bSaved\)/.test(sent.text) };
    queueId = next;
  }
  return { hops, delivered: false };
}
