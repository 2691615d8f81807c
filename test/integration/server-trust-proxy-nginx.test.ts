// Issue 14: the rate limits hold behind a real reverse proxy. nginx (the lab's binary) forwards
// to the real probe service in lab mode, appending the client address to X-Forwarded-For as
// `$proxy_add_x_forwarded_for` does; clients write whatever they like into the header first.
// Each client connects from its own loopback address; nginx connects to the service from
// 127.0.0.66. Two services: one trusting the proxy's address, one trusting one hop.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireLab } from '../lab/lab-info.ts';

const lab = requireLab();
const root = resolve(import.meta.dirname, '../..');
const PROXY_OUT = '127.0.0.66'; // nginx → service
const PROXY_IN = '127.0.0.65'; // clients → nginx
const REQUEST_LIMIT = 10;
const PROBE_LIMIT = 3;
const quick = lab.scenarios.filter((s) => s.group !== 'adversarial').map((s) => s.domain);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

function get(
  url: string,
  from: string,
  forwardedFor?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, {
      localAddress: from,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

const children: ChildProcess[] = [];
const work = mkdtempSync(join(tmpdir(), 'mailseal-proxy-'));
const ports = { nginxByAddress: 0, nginxByHops: 0, byAddress: 0, byHops: 0 };

function startService(port: number, trust: string[]): ChildProcess {
  const args = [
    resolve(root, 'server/main.ts'),
    '--lab',
    '--cache',
    'memory',
    '--port',
    String(port),
    '--rate-limit',
    String(REQUEST_LIMIT),
    '--probe-rate-limit',
    String(PROBE_LIMIT),
    '--log-level',
    'warn',
    ...trust,
  ];
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  children.push(child);
  return child;
}

function nginxConf(): string {
  const server = (listen: number, upstream: number) => `  server {
    listen ${PROXY_IN}:${listen};
    location / {
      proxy_pass http://127.0.0.1:${upstream};
      proxy_bind ${PROXY_OUT};
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 180s;
    }
  }
`;
  const tmp = join(work, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return `user root;
daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log ${join(work, 'access.log')};
  client_body_temp_path ${tmp};
  proxy_temp_path ${tmp};
  fastcgi_temp_path ${tmp};
  uwsgi_temp_path ${tmp};
  scgi_temp_path ${tmp};
${server(ports.nginxByAddress, ports.byAddress)}${server(ports.nginxByHops, ports.byHops)}}
`;
}

beforeAll(async () => {
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  startService(ports.byAddress, ['--trusted-proxy', PROXY_OUT]);
  startService(ports.byHops, ['--trust-proxy']);
  const conf = join(work, 'nginx.conf');
  writeFileSync(conf, nginxConf());
  const nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', work, '-e', join(work, 'error.log')], {
    stdio: 'ignore',
  });
  children.push(nginx);
  for (const port of [ports.nginxByAddress, ports.nginxByHops]) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = (
        await get(`http://${PROXY_IN}:${port}/healthz`, '127.0.0.1').catch(() => null)
      )?.status;
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`service behind nginx :${port} not ready`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe.each([
  ['trusting the proxy address', () => ports.nginxByAddress, () => ports.byAddress, '127.0.1'],
  ['trusting one hop', () => ports.nginxByHops, () => ports.byHops, '127.0.2'],
])('behind nginx, %s', (_mode, nginxPort, servicePort, net) => {
  const viaProxy = (path: string, from: string, xff?: string) =>
    get(`http://${PROXY_IN}:${nginxPort()}${path}`, from, xff);
  const domain = quick[0] ?? 'allgood.lab';

  it('a client rotating X-Forwarded-For gets the request limit, not one per value', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REQUEST_LIMIT + 5; i++) {
      statuses.push(
        (await viaProxy(`/v1/domains/${domain}`, `${net}.77`, `198.51.100.${i}`)).status,
      );
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(statuses.slice(0, REQUEST_LIMIT).every((s) => s === 200)).toBe(true);
    // nginx saw the spoofed values and passed them on; the service did not believe them.
    expect(readFileSync(join(work, 'access.log'), 'utf8')).toContain(`${net}.77`);
  }, 200_000);

  it('another client behind the same proxy keeps its own limit', async () => {
    expect((await viaProxy(`/v1/domains/${domain}`, `${net}.78`, `${net}.77`)).status).toBe(200);
  });

  it('fresh probes: rotating values get the probe limit once', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= PROBE_LIMIT + 2; i++) {
      const target = quick[i] ?? `missing${i}.lab`;
      statuses.push(
        (await viaProxy(`/v1/domains/${target}`, `${net}.79`, `203.0.113.${i}`)).status,
      );
    }
    expect(statuses.slice(PROBE_LIMIT)).toEqual([429, 429]);
    expect(statuses.slice(0, PROBE_LIMIT).every((s) => s === 200)).toBe(true);
  }, 200_000);

  it('a client that spoofs the proxy hop directly is still itself', async () => {
    // The client that used up its limit, now claiming to be someone else.
    const direct = await get(
      `http://127.0.0.1:${servicePort()}/v1/domains/${domain}`,
      `${net}.77`,
      `192.0.2.1, ${net}.200`,
    );
    if (_mode === 'trusting the proxy address') expect(direct.status).toBe(429);
    // With a hop count the service must only be reachable through the proxy: a direct peer is
    // taken for the proxy and the right-most entry it wrote for the client (documented).
    else expect(direct.status).toBe(200);
  });
});
