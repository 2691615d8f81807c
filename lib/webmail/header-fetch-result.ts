// The outcome of asking a webmail for one message's raw headers.

import type { UnreadableReason } from '../messaging/unreadable-reason.ts';

export type HeaderFetchResult =
  | { kind: 'headers'; headerBlock: string; source: string }
  /** Really signed out: Google's sign-in page, or OWA still refusing after a fresh session. */
  | { kind: 'login-required' }
  /** The user's own message (sent or draft): it never travelled in, so there is no path to judge. */
  | { kind: 'sent-by-you' }
  | { kind: 'unreadable'; reason: UnreadableReason };

/** Told to the content script while a fetch waits, so the badge says why. */
export type FetchProgress = (state: 'rate-limited') => void;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
