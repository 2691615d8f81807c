// The DNS-only part of a scan beside checkdmarc, on its own (bench/scan-peer-run.ts does the
// work; `npm run bench:scan` runs the same after its scans).
//
//   node bench/scan-peer.ts [--checkdmarc "<command>"] [--size 1000] [--count 300]   (lab running)
//   (without --checkdmarc: MAILSEAL_CHECKDMARC, else ../shared/checkdmarc-run/checkdmarc.sh)

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireLab } from '../test/lab/lab-info.ts';
import { buildPopulation, DEFAULT_SEED } from '../test/lab/population/build.ts';
import { loadPopulation } from '../test/lab/population/lab-population.ts';
import { comparePeer, findOrInstallCheckdmarc } from './scan-peer-run.ts';

const { values } = parseArgs({
  options: {
    checkdmarc: { type: 'string', default: '' },
    size: { type: 'string', default: '1000' },
    count: { type: 'string', default: '300' },
  },
});
const lab = requireLab();
const population = buildPopulation({
  dir: join(tmpdir(), `mailseal-population-${values.size}`),
  size: Number(values.size),
  seed: DEFAULT_SEED,
});
const domains = readFileSync(population.domains, 'utf8')
  .trim()
  .split('\n')
  .slice(0, Number(values.count));
const loaded = await loadPopulation(population.dir);
try {
  await comparePeer(lab, findOrInstallCheckdmarc(values.checkdmarc), domains, (line) =>
    console.log(line),
  );
} finally {
  await loaded.unload();
}
