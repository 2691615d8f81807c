import { parseArgs } from 'node:util';

/** Command-line options every adversarial server takes; loopback addresses only. */
export function serverArgs(): {
  address: string;
  port: number;
  hostname: string;
  cert: string;
  key: string;
} {
  const { values } = parseArgs({
    options: {
      address: { type: 'string' },
      port: { type: 'string' },
      hostname: { type: 'string', default: 'adversary.lab' },
      cert: { type: 'string', default: '' },
      key: { type: 'string', default: '' },
    },
  });
  const address = values.address ?? '';
  if (!/^127\./.test(address)) throw new Error('adversarial servers listen on 127.0.0.0/8 only');
  return {
    address,
    port: Number(values.port ?? '25'),
    hostname: values.hostname,
    cert: values.cert,
    key: values.key,
  };
}

/** Logs one line with a timestamp (stdout goes to the server's log file). */
export function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}
