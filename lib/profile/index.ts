// Sender profiles and downgrade alerts (docs/downgrade-alerts.md).

export * from './alert-text-en.ts';
export * from './alert-words.ts';
export * from './downgrade-alerts.ts';
export * from './established-pattern.ts';
export * from './learn-sender.ts';
export * from './observe-message.ts';
export * from './profile-codec.ts';
export * from './profile-store.ts';
export * from './profile-types.ts';
export * from './short-hash.ts';
