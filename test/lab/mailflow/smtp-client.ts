// A minimal SMTP client (RFC 5321) for the mail-flow driver: EHLO, STARTTLS when offered (RFC
// 3207), one envelope, DATA with dot-stuffing (RFC 5321 §4.5.2). Lab use only: it trusts the
// lab CA it is given and talks to loopback listeners.
import { connect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';

interface Reply {
  code: number;
  lines: string[];
}

class Conversation {
  #buffer = '';
  #waiting: ((reply: Reply) => void) | null = null;
  #failed: Error | null = null;
  private socket: Socket | TLSSocket;
  constructor(socket: Socket | TLSSocket) {
    this.socket = socket;
    this.#listen(socket);
  }
  #listen(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      this.#drain();
    });
    socket.on('error', (error) => {
      this.#failed = error;
    });
  }
  #drain(): void {
    // A reply ends with a line whose fourth character is a space (RFC 5321 §4.2.1).
    const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(this.#buffer);
    if (!match || !this.#waiting) return;
    const end = match.index + match[0].length;
    const lines = this.#buffer.slice(0, end).split('\r\n').filter(Boolean);
    this.#buffer = this.#buffer.slice(end);
    const resolve = this.#waiting;
    this.#waiting = null;
    resolve({ code: Number(match[2]), lines });
  }
  read(): Promise<Reply> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('smtp: no reply in 20 s')), 20_000);
      this.#waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.#drain();
    });
  }
  async command(line: string, expect: number): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    const reply = await this.read();
    if (Math.floor(reply.code / 100) !== Math.floor(expect / 100)) {
      throw new Error(`smtp: ${line.split(' ')[0]} answered ${reply.lines.join(' | ')}`);
    }
    return reply;
  }
  upgrade(ca: string, servername: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.removeAllListeners('data');
      const secure = tlsConnect({ socket: this.socket, ca, servername }, () => resolve());
      secure.once('error', reject);
      this.socket = secure;
      this.#listen(secure);
    });
  }
  end(): void {
    this.socket.end();
  }
}

export interface Submission {
  readonly host: string;
  readonly port: number;
  readonly helo: string;
  readonly mailFrom: string;
  readonly rcptTo: string;
  /** The whole message, CRLF line ends. */
  readonly message: string;
  readonly caPem: string;
  /** The certificate name the listener presents. */
  readonly servername: string;
}

/** Submits one message; returns the server's queue id (Postfix: "250 2.0.0 Ok: queued as X"). */
export async function submit(s: Submission): Promise<string> {
  const socket = connect({ host: s.host, port: s.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const smtp = new Conversation(socket);
  try {
    const banner = await smtp.read();
    if (banner.code !== 220) throw new Error(`smtp: banner ${banner.lines.join(' ')}`);
    const ehlo = await smtp.command(`EHLO ${s.helo}`, 250);
    if (ehlo.lines.some((l) => /^250[- ]STARTTLS$/i.test(l))) {
      await smtp.command('STARTTLS', 220);
      await smtp.upgrade(s.caPem, s.servername);
      await smtp.command(`EHLO ${s.helo}`, 250);
    }
    await smtp.command(`MAIL FROM:<${s.mailFrom}>`, 250);
    await smtp.command(`RCPT TO:<${s.rcptTo}>`, 250);
    await smtp.command('DATA', 354);
    const body = s.message.replace(/\r\n\./g, '\r\n..').replace(/^\./, '..');
    const done = await smtp.command(`${body.endsWith('\r\n') ? body : `${body}\r\n`}.`, 250);
    await smtp.command('QUIT', 221).catch(() => undefined);
    const queued = /queued as ([0-9A-Za-z]+)/.exec(done.lines.join(' '));
    if (!queued?.[1]) throw new Error(`smtp: no queue id in ${done.lines.join(' ')}`);
    return queued[1];
  } finally {
    smtp.end();
  }
}
