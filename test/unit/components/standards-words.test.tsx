// @vitest-environment happy-dom
// The standards table names each standard as it is (STARTTLS, DANE, SPF …) in every language,
// but "Certificate (PKIX)" is words, so it reads in the reader's language (issue 16, "Languages").
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StandardsTable } from '../../../components/report-tables.tsx';
import { standardsOf } from '../../../lib/messaging/build-report.ts';
import { messageIn } from '../ext/i18n-fixture.ts';
import { fixtureVerdict } from './report-fixture.ts';

const german = messageIn('de');
const tGerman = (key: string, subs?: string | string[]) => german(key, subs) || key;

describe('the standards table in the reader’s language', () => {
  afterEach(() => document.body.replaceChildren());

  it('names the certificate row in German and keeps the standards’ own names', () => {
    const report = fixtureVerdict().report;
    if (!report) throw new Error('fixture');
    const none = { domain: 'example.test', dns: null, probe: null };
    report.standards = standardsOf(none, none);
    expect(report.standards.map((r) => r.standard)).toContain('Certificate (PKIX)');
    const root = document.createElement('div');
    document.body.append(root);
    render(<StandardsTable report={report} t={tGerman} />, root);
    const names = [...root.querySelectorAll('th[scope="row"]')].map((th) => th.textContent);
    expect(names).toContain('Zertifikat (PKIX)');
    expect(names).not.toContain('Certificate (PKIX)');
    expect(names).toEqual(expect.arrayContaining(['STARTTLS', 'DANE', 'SPF', 'DMARC']));
  });
});
