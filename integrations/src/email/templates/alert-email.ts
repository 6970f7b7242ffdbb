/**
 * The issue alert email ("[Vigil] WEB-12 - TypeError: …"), as a pure function of a view model.
 * Every value is HTML-escaped in the HTML part.
 */
import { escapeHtml, type RenderedEmail } from './deploy-email.js';

export interface AlertEmailView {
  ruleName: string;
  shortId: string;
  title: string;
  culprit: string;
  level: string;
  projectSlug: string;
  environment: string | null;
  release: string | null;
  count: number;
  userCount: number;
  firstSeen: Date;
  issueUrl: string;
  /** Why this person gets it, e.g. "you are a member of acme". */
  reason: string;
}

const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ').trim();

export function renderAlertEmail(view: AlertEmailView): RenderedEmail {
  const rows: [string, string][] = [
    ['Project', view.projectSlug],
    ['Level', view.level],
    ['Environment', view.environment ?? '—'],
    ['Release', view.release ?? '—'],
    ['Events', String(view.count)],
    ['Users', String(view.userCount)],
    ['First seen', view.firstSeen.toISOString()],
  ];
  const subject = oneLine(`[Vigil] ${view.shortId} - ${view.title}`).slice(0, 250);
  const text = [
    `${view.shortId}: ${view.title}`,
    view.culprit,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `Open the issue: ${view.issueUrl}`,
    '',
    `Alert rule: ${view.ruleName}`,
    `You get this email because ${view.reason}.`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="margin:0"><a href="${escapeHtml(view.issueUrl)}">${escapeHtml(view.shortId)}</a> ${escapeHtml(view.title)}</h2>
<p style="color:#666">${escapeHtml(view.culprit)}</p>
<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(view.issueUrl)}">Open the issue in Vigil</a></p>
<p style="color:#666;font-size:12px">Alert rule: ${escapeHtml(view.ruleName)}. You get this email because ${escapeHtml(view.reason)}.</p>
</body></html>`;
  return { subject, text, html };
}
