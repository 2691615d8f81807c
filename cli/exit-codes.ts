// The exit codes of `mailseal`, one meaning each, so scripts can tell "could not test" from
// "tested, problems found". Printed under `mailseal check --help` and `mailseal scan --help`.

export const EXIT = {
  /** Tested; nothing found that makes a sender refuse or fall back to cleartext. */
  ok: 0,
  /** Tested; problems found (a DANE or MTA-STS sender would refuse, or mail goes in cleartext). */
  problems: 1,
  /** Bad invocation or input: unknown flag, not a mail domain, unreadable domain list. */
  usage: 2,
  /** Could not test (all of it or part of it): no resolver answered, DNS or SMTP failures. */
  untested: 3,
  /** The domain does not exist (NXDOMAIN): nothing to test. */
  noSuchDomain: 4,
  /** MailSeal itself failed (EX_SOFTWARE in sysexits.h). */
  internal: 70,
  /** Interrupted (Ctrl+C); a scan resumes when run again. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    tested, no problems found
  1    tested, problems found (a DANE/MTA-STS sender would refuse, or cleartext)
  2    bad invocation or input (not a mail domain, unreadable file, unknown flag)
  3    could not test, fully or in part (no resolver reachable, DNS/SMTP failures)
  4    the domain does not exist (NXDOMAIN)
  70   MailSeal itself failed (MAILSEAL_DEBUG=1 prints the stack)
`;
