import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_LIMITS } from '../../../lib/probe/limits.ts';
import { runSmtpSession, type SessionOptions } from '../../../lib/probe/smtp-session.ts';
import { nodeTransport } from '../../../lib/probe/transport.ts';
import { type Running, scripted, startRawServer, startSmtpServer } from './helpers/servers.ts';
import { createTestPki } from './helpers/test-pki.ts';

const pki = createTestPki();
const leaf = pki.leaf({ cn: 'mx.example.test', sans: ['mx.example.test'] });
const tlsOptions = { key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem };
const fast = {
  ...DEFAULT_PROBE_LIMITS,
  replyTimeoutMs: 400,
  handshakeTimeoutMs: 400,
  connectTimeoutMs: 400,
};

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

function options(port: number, extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    address: '127.0.0.1',
    host: 'mx.example.test',
    port,
    ehloName: 'probe.example',
    tryUnadvertised: true,
    deadline: Date.now() + 5_000,
    limits: fast,
    transport: nodeTransport,
    now: Date.now,
    ...extra,
  };
}

describe('runSmtpSession against smtp-server', () => {
  it('captures banner, EHLO keywords, TLS details and the chain as sent; never MAIL/RCPT/DATA', async () => {
    running = await startSmtpServer(tlsOptions);
    const result = await runSmtpSession(options(running.port));
    expect(result.cutOff).toBeNull();
    expect(result.banner).toMatch(/test MTA/);
    expect(result.ehloKeywords).toContain('STARTTLS');
    expect(result.starttlsOffered).toBe(true);
    expect(result.tls?.version).toBe('TLSv1.3');
    expect(result.tls?.cipher).toMatch(/^TLS_AES_/);
    expect(result.tls?.group).toBeTruthy();
    expect(result.tls?.forwardSecrecy).toBe(true);
    expect(result.tls?.chain).toHaveLength(2);
    expect(running.commands.map((c) => c.split(' ')[0])).toEqual(['EHLO', 'STARTTLS']);
    expect(running.commands.join(' ')).not.toMatch(/MAIL|RCPT|DATA/);
  });

  it('tries STARTTLS when it is not advertised and reports that apart', async () => {
    running = await startSmtpServer({ ...tlsOptions, hideSTARTTLS: true });
    const result = await runSmtpSession(options(running.port));
    expect(result.starttlsOffered).toBe(false);
    expect(result.starttlsAttempted).toBe(true);
    expect(result.tls?.version).toMatch(/TLSv1\.[23]/);
  });

  it('records a refused STARTTLS', async () => {
    running = await startSmtpServer({ disabledCommands: ['STARTTLS'] });
    const result = await runSmtpSession(options(running.port));
    expect(result.starttlsOffered).toBe(false);
    expect(result.tls).toBeNull();
    expect(result.starttlsError).toMatch(/^STARTTLS answered 5\d\d/);
  });

  it('negotiates TLS 1.0 with a legacy-only server (to report it, not to refuse it)', async () => {
    running = await startSmtpServer({
      ...tlsOptions,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const result = await runSmtpSession(options(running.port));
    expect(result.tls?.version).toBe('TLSv1');
  });
});

describe('runSmtpSession against misbehaving servers', () => {
  it('falls back to HELO', async () => {
    running = await startRawServer(
      scripted('220 old MTA\r\n', (command, socket) => {
        if (command.startsWith('EHLO')) socket.write('502 what?\r\n');
        else if (command.startsWith('HELO')) socket.write('250 hello\r\n');
        else if (command === 'STARTTLS') socket.write('502 no\r\n');
        else if (command === 'QUIT') socket.end('221 bye\r\n');
      }),
    );
    const result = await runSmtpSession(options(running.port));
    expect(result.usedHelo).toBe(true);
    expect(result.starttlsOffered).toBe(false);
    expect(result.cutOff).toBeNull();
  });

  it('cuts off a banner sent byte by byte', async () => {
    running = await startRawServer((socket) => {
      const banner = '220 slow.example.test ESMTP ready and waiting for you\r\n';
      let index = 0;
      const timer = setInterval(() => {
        if (socket.destroyed || index >= banner.length) return clearInterval(timer);
        socket.write(banner[index] ?? '');
        index += 1;
      }, 50);
      socket.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const result = await runSmtpSession(options(running.port));
    expect(result.cutOff?.reason).toBe('reply-timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('cuts off endless 250- continuation lines', async () => {
    running = await startRawServer(
      scripted('220 flood\r\n', (command, socket) => {
        if (!command.startsWith('EHLO')) return;
        const timer = setInterval(() => {
          if (socket.destroyed) return clearInterval(timer);
          socket.write('250-FLOOD FLOOD FLOOD\r\n'.repeat(50));
        }, 1);
        socket.on('close', () => clearInterval(timer));
      }),
    );
    const result = await runSmtpSession(options(running.port));
    expect(result.cutOff?.reason).toBe('too-many-lines');
  });

  it('cuts off an over-long line', async () => {
    running = await startRawServer((socket) => socket.write(`220 ${'x'.repeat(5000)}`));
    const result = await runSmtpSession(options(running.port));
    expect(result.cutOff?.reason).toBe('line-too-long');
  });

  it('cuts off a TLS handshake that stalls', async () => {
    running = await startRawServer(
      scripted('220 staller\r\n', (command, socket) => {
        if (command.startsWith('EHLO')) socket.write('250-staller\r\n250 STARTTLS\r\n');
        else if (command === 'STARTTLS') socket.write('220 go ahead\r\n');
      }),
    );
    const result = await runSmtpSession(options(running.port));
    expect(result.cutOff?.reason).toBe('reply-timeout');
    expect(result.starttlsOffered).toBe(true);
    expect(result.starttlsError).toMatch(/handshake/);
    expect(result.tls).toBeNull();
  });

  it('reports a refused connection', async () => {
    running = await startRawServer(() => undefined);
    const port = running.port;
    await running.close();
    running = null;
    const result = await runSmtpSession(options(port));
    expect(result.cutOff?.reason).toBe('connect-refused');
  });

  it('stops at the host budget', async () => {
    running = await startRawServer(() => undefined);
    const result = await runSmtpSession(options(running.port, { deadline: Date.now() + 150 }));
    expect(['reply-timeout', 'budget-exceeded']).toContain(result.cutOff?.reason);
    expect(result.durationMs).toBeLessThan(400);
  });
});

describe('runSmtpSession against servers that reset the connection (issue 14)', () => {
  // Each stage where an MX can drop the TCP connection with a RST; the session records a
  // cut-off or an error and no socket is left with an unheard 'error' event.
  const reset = (socket: import('node:net').Socket) => socket.resetAndDestroy();
  const stages: Record<string, (socket: import('node:net').Socket) => void> = {
    'before the banner': reset,
    'after EHLO': scripted('220 resetter\r\n', (command, socket) => {
      if (command.startsWith('EHLO')) reset(socket);
    }),
    'mid TLS handshake': scripted('220 resetter\r\n', (command, socket) => {
      if (command.startsWith('EHLO')) socket.write('250-resetter\r\n250 STARTTLS\r\n');
      else if (command === 'STARTTLS') {
        socket.write('220 go ahead\r\n');
        socket.once('data', () => reset(socket)); // the ClientHello
      }
    }),
    'after the handshake': (socket) => {
      scripted('220 resetter\r\n', async (command) => {
        if (command.startsWith('EHLO')) socket.write('250-resetter\r\n250 STARTTLS\r\n');
        else if (command === 'STARTTLS') {
          socket.write('220 go ahead\r\n');
          socket.removeAllListeners('data');
          const { TLSSocket } = await import('node:tls');
          const secure = new TLSSocket(socket, { isServer: true, ...tlsOptions });
          secure.on('error', () => undefined);
          secure.once('secure', () => setTimeout(() => reset(socket), 20));
        }
      })(socket);
    },
  };
  for (const [stage, handle] of Object.entries(stages)) {
    it(`a reset ${stage}`, async () => {
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        running = await startRawServer(handle);
        const result = await runSmtpSession(options(running.port));
        expect(result.cutOff !== null || result.starttlsError !== null || result.tls !== null).toBe(
          true,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(uncaught).toEqual([]);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
    });
  }
});
