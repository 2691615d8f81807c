// Roundcube (Debian's roundcube-core, /usr/share/roundcube) under PHP-FPM, for nginx to serve at
// https://webmail.allgood.lab/. Roundcube reads its configuration from ROUNDCUBE_CONFIG_DIR
// (program/include/iniset.php), so the lab keeps its own under the state dir and leaves
// /etc/roundcube alone.
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../lib/files.ts';
import { pidFileAlive, readPid, stopPidFile, waitFor } from '../lib/process.ts';
import { runOrThrow, withSbinPath } from '../lib/run.ts';
import { ensureDir, statePath } from '../lib/state.ts';
import { WEBMAIL_ADDR, WEBMAIL_PORTS } from './addresses.ts';
import { startDaemon } from './daemon.ts';

/** Debian's install path: public_html is the document root, the rest is reached from it. */
export const ROUNDCUBE_ROOT = '/var/lib/roundcube/public_html';
const DEBIAN_CONFIG = '/etc/roundcube';
const SCHEMA = '/usr/share/roundcube/SQL/sqlite.initial.sql';
export const PHP_FPM = 'php-fpm8.2';

const dir = () => ensureDir('roundcube');
const configDir = () => ensureDir('roundcube', 'config');
const pidPath = () => statePath('roundcube', 'php-fpm.pid');
export const phpFpmSocket = () => statePath('roundcube', 'php-fpm.sock');
const databasePath = () => statePath('roundcube', 'roundcube.sqlite');

function roundcubeConfig(): string {
  return `<?php
// Written by the MailSeal lab (test/lab/webmail/roundcube.ts).
$config = [];
$config['db_dsnw'] = 'sqlite:///${databasePath()}?mode=0600';
$config['imap_host'] = '${WEBMAIL_ADDR.dovecot}:${WEBMAIL_PORTS.imap}';
$config['smtp_host'] = '';
$config['des_key'] = 'mailseal-lab-des-key-24c';
$config['temp_dir'] = '${ensureDir('roundcube', 'temp')}';
$config['log_dir'] = '${ensureDir('roundcube', 'logs')}';
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['product_name'] = 'MailSeal lab webmail';
$config['support_url'] = '';
$config['enable_installer'] = false;
$config['enable_spellcheck'] = false;
// Three-pane layout, so the message opens in the preview frame (the adapter reads both views).
$config['layout'] = 'widescreen';
`;
}

function fpmConfig(): string {
  return `; Written by the MailSeal lab (test/lab/webmail/roundcube.ts).
[global]
pid = ${pidPath()}
error_log = ${join(dir(), 'php-fpm.log')}
daemonize = yes
[roundcube]
user = root
group = root
listen = ${phpFpmSocket()}
pm = static
pm.max_children = 4
clear_env = yes
env[ROUNDCUBE_CONFIG_DIR] = ${configDir()}
catch_workers_output = yes
`;
}

/** Defaults and MIME types stay Debian's: the lab config only overrides. */
function linkDebianDefaults(): void {
  for (const name of ['defaults.inc.php', 'mimetypes.php']) {
    const link = join(configDir(), name);
    if (!existsSync(link)) symlinkSync(join(DEBIAN_CONFIG, name), link);
  }
}

/** Creates the sqlite database from Roundcube's own schema, once. */
function ensureDatabase(): void {
  if (existsSync(databasePath())) return;
  const php = `$db = new PDO('sqlite:' . $argv[1]); $db->exec(file_get_contents($argv[2]));`;
  try {
    runOrThrow('php', ['-r', php, databasePath(), SCHEMA]);
  } catch (error) {
    rmSync(databasePath(), { force: true });
    throw error;
  }
}

export async function startRoundcube(): Promise<void> {
  writeIfChanged(join(configDir(), 'config.inc.php'), roundcubeConfig());
  linkDebianDefaults();
  ensureDatabase();
  const conf = join(dir(), 'php-fpm.conf');
  const changed = writeIfChanged(conf, fpmConfig());
  const env = withSbinPath();
  if (pidFileAlive(pidPath())) {
    if (changed) process.kill(readPid(pidPath()) ?? 0, 'SIGUSR2');
    return;
  }
  // -R: the lab runs as root, and PHP-FPM refuses a root pool without it.
  runOrThrow(PHP_FPM, ['-y', conf, '-R', '-t'], { env });
  startDaemon(PHP_FPM, ['-y', conf, '-R'], join(dir(), 'php-fpm.log'));
  await waitFor('php-fpm', () => pidFileAlive(pidPath()) && existsSync(phpFpmSocket()));
}

export const stopRoundcube = () => stopPidFile(pidPath());

/** nginx server block for the webmail host (added to the lab's nginx.conf). */
export function webmailServerBlock(hostname: string, chainPath: string, keyPath: string): string {
  return `  server {
    listen ${WEBMAIL_ADDR.webmail}:443 ssl;
    server_name ${hostname};
    ssl_certificate ${chainPath};
    ssl_certificate_key ${keyPath};
    root ${ROUNDCUBE_ROOT};
    index index.php;
    # The lab's nginx.conf sets no MIME types; Chromium refuses a stylesheet not sent as text/css.
    include /etc/nginx/mime.types;
    client_max_body_size 10m;
    location ~ \\.php$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      fastcgi_param HTTPS on;
      fastcgi_pass unix:${phpFpmSocket()};
    }
  }
`;
}
