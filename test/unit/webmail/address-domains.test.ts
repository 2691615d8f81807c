import { describe, expect, it } from 'vitest';
import { parseAddressList } from '../../../lib/headers/identity.ts';
import { addressDomains } from '../../../lib/webmail/address-domains.ts';

const domainsByEngine = (value: string) =>
  parseAddressList(value).map((a) => a.slice(a.lastIndexOf('@') + 1));

describe('addressDomains', () => {
  it.each([
    ['Alice <alice@a.example>', ['a.example']],
    ['"ceo@bank.example" <x@evil.example>', ['evil.example']],
    ['bob@b.example (Bob at bank.example@phish.example)', ['b.example']],
    ['undisclosed-recipients:;', []],
    [
      'team: a@x.example, "Q, R" <b@y.example>; c@z.example',
      ['x.example', 'y.example', 'z.example'],
    ],
    ['<@relay.example:u@c.example>', ['c.example']],
    ['"esc \\" <fake@f.example>" <real@r.example>', ['r.example']],
    ['no address at all', []],
    ['a@one.example b@two.example', ['one.example', 'two.example']],
  ])('%s', (value, expected) => {
    expect(addressDomains(value)).toEqual(expected);
    // The same mailboxes the header engine reads.
    expect(addressDomains(value)).toEqual(domainsByEngine(value));
  });
});
