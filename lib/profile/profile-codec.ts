// The stored and exported form of sender profiles, and the checks on the way back in. Stored
// data can be old, edited, truncated or (on import) written by anyone, so every field is
// validated and anything else is dropped. Observations that look alike share one "shape", so a
// sender whose mail always arrives the same way costs one shape plus a day and an id per message.
import { SECURITY_CLASSES } from '../tls/index.ts';
import {
  ALIGNMENT_STATES,
  DEFAULT_PROFILE_LIMITS,
  DKIM_STATES,
  type DkimSigner,
  HANDOFF_TRANSPORTS,
  type ProfileLimits,
  type ProfileObservation,
  type SenderProfile,
} from './profile-types.ts';

export const PROFILE_FORMAT = 'mailseal-sender-profiles';
export const PROFILE_FORMAT_VERSION = 1;

type Shape = Omit<ProfileObservation, 'day' | 'id'>;
export interface StoredSender {
  shapes: Shape[];
  /** [day, id, shape index] per observation, oldest first. */
  seen: [number, string, number][];
}
export interface StoredProfiles {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_FORMAT_VERSION;
  senders: Record<string, StoredSender>;
}

export function encodeSender(profile: SenderProfile): StoredSender {
  const shapes: Shape[] = [];
  const index = new Map<string, number>();
  const seen: [number, string, number][] = [];
  for (const { day, id, ...shape } of profile.observations) {
    const key = JSON.stringify(shape);
    let at = index.get(key);
    if (at === undefined) {
      at = shapes.push(shape) - 1;
      index.set(key, at);
    }
    seen.push([day, id, at]);
  }
  return { shapes, seen };
}

export function encodeProfiles(profiles: readonly SenderProfile[]): StoredProfiles {
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_FORMAT_VERSION,
    // fromEntries defines own properties, so a sender named `__proto__` stays plain data.
    senders: Object.fromEntries(profiles.map((p) => [p.sender, encodeSender(p)])),
  };
}

const DOMAIN = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;
const SELECTOR = /^[a-z0-9_](?:[a-z0-9_.-]{0,62})$/;
const HASH = /^[0-9a-f]{16}$/;
const oneOf = <T>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const isDomain = (v: unknown): v is string => typeof v === 'string' && DOMAIN.test(v);

function isSigner(v: unknown): v is DkimSigner {
  const s = v as Partial<DkimSigner> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    isDomain(s.d) &&
    (s.s === '' || (typeof s.s === 'string' && SELECTOR.test(s.s))) &&
    (s.key === null || (typeof s.key === 'string' && HASH.test(s.key)))
  );
}

function isShape(v: unknown): v is Shape {
  const s = v as Partial<Shape> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    oneOf(HANDOFF_TRANSPORTS, s.tls) &&
    (s.cipher === null || oneOf(SECURITY_CLASSES, s.cipher)) &&
    typeof s.auth === 'boolean' &&
    oneOf(DKIM_STATES, s.dkim) &&
    Array.isArray(s.signers) &&
    s.signers.length <= 8 &&
    s.signers.every(isSigner) &&
    oneOf(ALIGNMENT_STATES, s.dmarc) &&
    oneOf(ALIGNMENT_STATES, s.spf) &&
    typeof s.arc === 'boolean' &&
    (s.provider === null || isDomain(s.provider))
  );
}

export function decodeSender(
  sender: string,
  stored: unknown,
  limits: ProfileLimits,
): SenderProfile | null {
  const s = stored as Partial<StoredSender> | null;
  if (!isDomain(sender) || typeof s !== 'object' || s === null) return null;
  if (!Array.isArray(s.shapes) || !Array.isArray(s.seen)) return null;
  const shapes = s.shapes.slice(0, limits.perSender);
  const observations: ProfileObservation[] = [];
  for (const entry of s.seen.slice(-limits.perSender)) {
    if (!Array.isArray(entry) || entry.length !== 3) continue;
    const [day, id, at] = entry as unknown[];
    const shape = typeof at === 'number' ? shapes[at] : undefined;
    if (!Number.isSafeInteger(day) || typeof id !== 'string' || !HASH.test(id)) continue;
    if (!isShape(shape)) continue;
    observations.push({ day: day as number, id, ...structuredClone(shape) });
  }
  observations.sort((a, b) => a.day - b.day);
  return observations.length === 0 ? null : { sender, observations };
}

/** The well-formed part of stored or imported profiles, cut to the limits. */
export function decodeProfiles(
  value: unknown,
  limits: ProfileLimits = DEFAULT_PROFILE_LIMITS,
): SenderProfile[] {
  const v = value as Partial<StoredProfiles> | null;
  if (typeof v !== 'object' || v === null || v.format !== PROFILE_FORMAT) return [];
  if (v.version !== PROFILE_FORMAT_VERSION || typeof v.senders !== 'object' || v.senders === null) {
    return [];
  }
  const profiles: SenderProfile[] = [];
  for (const [sender, stored] of Object.entries(v.senders)) {
    const profile = decodeSender(sender, stored, limits);
    if (profile !== null) profiles.push(profile);
  }
  return boundProfiles(profiles, limits);
}

const lastDay = (p: SenderProfile): number => p.observations.at(-1)?.day ?? 0;

/** Each sender cut to its newest observations, and the senders to the most recently seen. */
export function boundProfiles(
  profiles: readonly SenderProfile[],
  limits: ProfileLimits = DEFAULT_PROFILE_LIMITS,
): SenderProfile[] {
  return profiles
    .map((p) => ({
      sender: p.sender,
      observations: p.observations.slice(-Math.max(1, limits.perSender)),
    }))
    .sort((a, b) => lastDay(b) - lastDay(a) || a.sender.localeCompare(b.sender))
    .slice(0, Math.max(0, limits.senders));
}
