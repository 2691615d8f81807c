// One non-intrusive SMTP session: banner, EHLO (HELO fallback), STARTTLS, handshake, QUIT.
// Never MAIL, RCPT or DATA.

import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ProbeLimits } from './limits.ts';
import { ProbeCutOff, type SmtpReply, SmtpReplyReader } from './smtp-reply-reader.ts';
import { captureTls, type TlsCapture } from './tls-capture.ts';
import type { ProbeTransport } from './transport.ts';
import type { CutOffReason } from './types.ts';

export interface SessionOptions {
  address: string;
  /** The MX host name: SNI and the EHLO reply are about it. */
  host: string;
  /** SNI when it differs from `host`: the TLSA base domain of a CNAME'd host (RFC 7672 §8.1). */
  serverName?: string;
  port: number;
  ehloName: string;
  /** Try STARTTLS even when EHLO does not advertise it. */
  tryUnadvertised: boolean;
  /** Absolute time (ms, from `now`) by which the whole host must be done. */
  deadline: number;
  limits: ProbeLimits;
  transport: ProbeTransport;
  now: () => number;
}

export interface SessionResult {
  banner: string | null;
  ehloKeywords: string[];
  usedHelo: boolean;
  starttlsOffered: boolean;
  starttlsAttempted: boolean;
  starttlsError: string | null;
  tls: TlsCapture | null;
  cutOff: { reason: CutOffReason; detail: string } | null;
  transcript: string[];
  durationMs: number;
}

const MAX_TRANSCRIPT_LINES = 60;

/** A session that has learnt nothing yet: the start of every run, and of every refusal. */
export function blankSessionResult(): SessionResult {
  return {
    banner: null,
    ehloKeywords: [],
    usedHelo: false,
    starttlsOffered: false,
    starttlsAttempted: false,
    starttlsError: null,
    tls: null,
    cutOff: null,
    transcript: [],
    durationMs: 0,
  };
}

class Session {
  readonly result: SessionResult;
  private readonly options: SessionOptions;
  private readonly started: number;

  constructor(options: SessionOptions) {
    this.options = options;
    this.started = options.now();
    this.result = blankSessionResult();
  }

  log(line: string): void {
    if (this.result.transcript.length < MAX_TRANSCRIPT_LINES) this.result.transcript.push(line);
  }

  /** The step timeout, shortened to what is left of the host budget. */
  timeout(stepMs: number): number {
    const left = this.options.deadline - this.options.now();
    if (left <= 0) throw new ProbeCutOff('budget-exceeded', 'host time budget used up');
    return Math.min(stepMs, left);
  }

  async command(socket: Socket, reader: SmtpReplyReader, line: string): Promise<SmtpReply> {
    this.log(`C: ${line}`);
    socket.write(`${line}\r\n`);
    const reply = await reader.read(this.timeout(this.options.limits.replyTimeoutMs), line);
    for (const text of reply.lines) this.log(`S: ${reply.code} ${text}`);
    return reply;
  }

  async run(): Promise<void> {
    const { address, port, limits, transport } = this.options;
    const socket = await transport.connect(address, port, this.timeout(limits.connectTimeoutMs));
    try {
      await this.converse(socket);
    } finally {
      socket.destroy();
    }
  }

  private async converse(socket: Socket): Promise<void> {
    const { limits, ehloName } = this.options;
    const reader = new SmtpReplyReader(socket, limits);
    const banner = await reader.read(this.timeout(limits.replyTimeoutMs), 'banner');
    this.result.banner = banner.lines.join(' ');
    for (const text of banner.lines) this.log(`S: ${banner.code} ${text}`);
    if (banner.code !== 220) {
      await this.quit(socket, reader);
      throw new ProbeCutOff('bad-greeting', `greeting ${banner.code} instead of 220`);
    }
    let hello = await this.command(socket, reader, `EHLO ${ehloName}`);
    if (hello.code !== 250) {
      this.result.usedHelo = true;
      hello = await this.command(socket, reader, `HELO ${ehloName}`);
      if (hello.code !== 250)
        throw new ProbeCutOff('bad-greeting', `HELO refused with ${hello.code}`);
    } else {
      this.result.ehloKeywords = hello.lines
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0]?.toUpperCase() ?? '')
        .filter((keyword) => keyword !== '');
    }
    this.result.starttlsOffered = this.result.ehloKeywords.includes('STARTTLS');
    if (!this.result.starttlsOffered && !this.options.tryUnadvertised) {
      await this.quit(socket, reader);
      return;
    }
    this.result.starttlsAttempted = true;
    const ready = await this.command(socket, reader, 'STARTTLS');
    if (ready.code !== 220) {
      this.result.starttlsError = `STARTTLS answered ${ready.code} ${ready.lines.join(' ')}`.trim();
      await this.quit(socket, reader);
      return;
    }
    if (reader.pending() !== '') {
      // Plaintext after the 220 would be injected into the TLS session (CVE-2011-0411 class).
      this.log('!: server sent data after 220 to STARTTLS; discarded');
    }
    reader.detach();
    let secure: TLSSocket;
    try {
      secure = await this.options.transport.startTls(
        socket,
        this.options.serverName ?? this.options.host,
        this.timeout(limits.handshakeTimeoutMs),
      );
    } catch (error) {
      if (error instanceof ProbeCutOff) throw error;
      this.result.starttlsError = (error as Error).message;
      return;
    }
    try {
      this.result.tls = captureTls(secure, limits.maxChainLength);
      this.log(`T: ${this.result.tls.version} ${this.result.tls.cipher}`);
      await this.quit(secure, new SmtpReplyReader(secure, limits));
    } finally {
      secure.destroy();
    }
  }

  /** QUIT politely; a server that does not answer it is not an error worth reporting. */
  private async quit(socket: Socket, reader: SmtpReplyReader): Promise<void> {
    try {
      await this.command(socket, reader, 'QUIT');
    } catch {
      // ignored: the useful part of the session is over
    } finally {
      reader.detach();
    }
  }

  finish(): SessionResult {
    this.result.durationMs = this.options.now() - this.started;
    return this.result;
  }
}

/** Runs one session; never throws for server behaviour, only records a cut-off. */
export async function runSmtpSession(options: SessionOptions): Promise<SessionResult> {
  const session = new Session(options);
  try {
    await session.run();
  } catch (error) {
    if (!(error instanceof ProbeCutOff)) throw error;
    session.result.cutOff = { reason: error.reason, detail: error.message };
    const { starttlsAttempted, tls, starttlsError } = session.result;
    if (starttlsAttempted && !tls && !starttlsError) session.result.starttlsError = error.message;
    session.log(`!: ${error.reason}: ${error.message}`);
  }
  return session.finish();
}
