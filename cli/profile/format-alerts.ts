// Downgrade alerts as the CLI prints them: the plain words of lib/profile/alert-words.ts.
import { alertInEnglish, type DowngradeAlert, describeAlert } from '../../lib/profile/index.ts';

export function formatAlerts(alerts: readonly DowngradeAlert[], sender: string | null): string {
  if (alerts.length === 0 || sender === null) return '';
  const lines = ['Compared with how this sender’s mail usually arrives:'];
  for (const alert of alerts) {
    const words = alertInEnglish(describeAlert(alert, sender));
    const mark = alert.tone === 'info' ? 'ℹ' : '⚠';
    lines.push(`  ${mark} ${words.title}.`, `    ${words.usually}`, `    ${words.meaning}`);
  }
  return `${lines.join('\n')}\n`;
}
