// The padlock glyph, drawn inline (no network, no innerHTML), from its one geometry
// (padlock-shape.ts).

import type { TabVerdict } from '../lib/messaging/protocol.ts';
import { padlockFrame, padlockParts } from './padlock-shape.ts';

export function PadlockIcon({ level, size = 16 }: { level: TabVerdict['level']; size?: number }) {
  return (
    // aria-hidden is in the frame too; written here as well for the linter to see.
    <svg aria-hidden="true" {...padlockFrame(level, size)}>
      {padlockParts(level).map(({ tag: Tag, attributes }) => (
        <Tag key={attributes.d ?? Tag} {...attributes} />
      ))}
    </svg>
  );
}
