// The domains of the mailboxes in an address-list field (From, To, Delivered-To, Return-Path),
// in order, read the way RFC 5322 §3.4 structures the field: quoted strings and comments are
// display text, never addresses (`"ceo@bank.example" <x@evil.example>` is evil.example);
// an angle address wins over the words before it; groups (`team: a@x, b@y;`) list their members.
// The content script uses it to pass on domains without names or local parts, and without the
// header engine's identity module, which carries the public suffix list.

const MAX_CHARS = 4096;
const MAX_ADDRESSES = 32;

/** The part after the last `@` of an address token, or null when the token is not one. */
function domainOf(token: string): string | null {
  let address = token.trim();
  const route = address.lastIndexOf(':');
  if (address.startsWith('@') && route !== -1) address = address.slice(route + 1); // <@a,@b:u@c>
  if (!address.includes('@') || /\s/.test(address)) return null;
  return address.slice(address.lastIndexOf('@') + 1);
}

export function addressDomains(value: string): string[] {
  const text = value.length > MAX_CHARS ? value.slice(0, MAX_CHARS) : value;
  const domains: string[] = [];
  const take = (token: string) => {
    const domain = domainOf(token);
    if (domain !== null && domains.length < MAX_ADDRESSES) domains.push(domain);
  };
  let inQuote = false;
  let commentDepth = 0;
  let angleStart = -1;
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (commentDepth > 0) {
      if (c === '\\') i++;
      else if (c === '(') commentDepth++;
      else if (c === ')') commentDepth--;
    } else if (angleStart !== -1) {
      if (c === '>') {
        take(text.slice(angleStart + 1, i));
        angleStart = -1;
        word = '';
      }
    } else if (c === '"') inQuote = true;
    else if (c === '(') commentDepth = 1;
    else if (c === '<') angleStart = i;
    else if (c === ',' || c === ';' || c === ' ' || c === '\t') {
      take(word);
      word = '';
    } else if (c === ':' && !word.includes('@'))
      word = ''; // a group's name
    else word += c;
  }
  if (angleStart === -1) take(word);
  return domains;
}
