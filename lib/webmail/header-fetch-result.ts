// The outcome of asking a webmail for one message's raw headers.

export type HeaderFetchResult =
  | { kind: 'headers'; headerBlock: string; source: string }
  | { kind: 'login-required' }
  | { kind: 'unreadable'; reason: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
