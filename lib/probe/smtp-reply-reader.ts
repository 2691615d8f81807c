// Reads SMTP replies from a socket under hard limits (lines, line length, bytes, time).

import type { Socket } from 'node:net';
import type { CutOffReason } from './types.ts';

export interface SmtpReply {
  code: number;
  lines: string[];
}

export class ProbeCutOff extends Error {
  readonly reason: CutOffReason;
  constructor(reason: CutOffReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

export interface ReplyLimits {
  maxReplyLines: number;
  maxLineLength: number;
  maxSessionBytes: number;
}

/** Parses a buffered stream of reply lines. Pure; the socket side lives in `SmtpReplyReader`. */
export class ReplyParser {
  private buffer = '';
  private lines: string[] = [];
  private bytes = 0;
  private readonly limits: ReplyLimits;

  constructor(limits: ReplyLimits) {
    this.limits = limits;
  }

  /** Buffers bytes. Limits are enforced in `next()`, line by line, so the reason is stable. */
  push(chunk: string): void {
    this.bytes += chunk.length;
    this.buffer += chunk;
  }

  next(): SmtpReply | null {
    for (;;) {
      const newline = this.buffer.indexOf('\n');
      if (newline < 0) {
        if (this.bytes > this.limits.maxSessionBytes) {
          throw new ProbeCutOff(
            'too-many-bytes',
            `server sent more than ${this.limits.maxSessionBytes} bytes`,
          );
        }
        if (this.buffer.length > this.limits.maxLineLength) {
          throw new ProbeCutOff(
            'line-too-long',
            `reply line longer than ${this.limits.maxLineLength} bytes`,
          );
        }
        return null;
      }
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line.length > this.limits.maxLineLength) {
        throw new ProbeCutOff(
          'line-too-long',
          `reply line longer than ${this.limits.maxLineLength} bytes`,
        );
      }
      this.lines.push(line);
      if (this.lines.length > this.limits.maxReplyLines) {
        throw new ProbeCutOff(
          'too-many-lines',
          `reply longer than ${this.limits.maxReplyLines} lines`,
        );
      }
      const match = /^(\d{3})([ -]?)/.exec(line);
      if (!match) {
        throw new ProbeCutOff('bad-greeting', `not an SMTP reply line: ${line.slice(0, 80)}`);
      }
      if (match[2] !== '-') {
        const reply = { code: Number(match[1]), lines: this.lines.map((l) => l.slice(4)) };
        this.lines = [];
        return reply;
      }
    }
  }

  /** Bytes received but not yet consumed (must be empty before a STARTTLS upgrade). */
  pending(): string {
    return this.buffer;
  }
}

/** Wraps a socket: `read(timeoutMs)` resolves the next reply or rejects with a `ProbeCutOff`. */
export class SmtpReplyReader {
  private readonly parser: ReplyParser;
  private readonly socket: Socket;
  private waiter: ((error: ProbeCutOff | null) => void) | null = null;
  private failure: ProbeCutOff | null = null;
  private readonly onData = (data: Buffer) => {
    try {
      this.parser.push(data.toString('latin1'));
    } catch (error) {
      this.fail(error as ProbeCutOff);
      return;
    }
    this.wake(null);
  };
  private readonly onEnd = () =>
    this.fail(new ProbeCutOff('closed', 'server closed the connection'));
  private readonly onError = (error: Error) =>
    this.fail(new ProbeCutOff('closed', `connection error: ${error.message}`));

  constructor(socket: Socket, limits: ReplyLimits) {
    this.socket = socket;
    this.parser = new ReplyParser(limits);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  private fail(error: ProbeCutOff): void {
    this.failure ??= error;
    this.wake(this.failure);
  }

  private wake(error: ProbeCutOff | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(error);
  }

  /** The timeout covers the whole reply: a server trickling bytes cannot extend it. */
  async read(timeoutMs: number, what: string): Promise<SmtpReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.parser.next(); // may throw a cut-off for a bad line
      if (reply) return reply;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => {
            this.waiter = null;
            reject(
              new ProbeCutOff('reply-timeout', `no complete ${what} reply within ${timeoutMs} ms`),
            );
          },
          Math.max(0, left),
        );
        this.waiter = (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
      });
    }
  }

  pending(): string {
    return this.parser.pending();
  }

  /** Stops listening, so the socket can be handed to TLS. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
  }
}
