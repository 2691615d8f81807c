import packageJson from '../package.json' with { type: 'json' };

export const MAILSEAL_VERSION: string = packageJson.version;
