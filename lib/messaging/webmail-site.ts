// The webmails MailSeal reads, named on their own so the report and the message contract can
// both use the name without importing each other.

/** Gmail and Outlook at their fixed hosts; Roundcube on any origin the user adds (options). */
export type WebmailSite = 'gmail' | 'outlook' | 'roundcube';
