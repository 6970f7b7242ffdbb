/**
 * The deploy email (Sentry's "Deployed version … to …" notification), as a pure function of a view
 * model: the caller loads the rows, this only formats. Every value is HTML-escaped in the HTML part.
 */

export interface DeployEmailCommit {
  /** The full SHA; the email shows the first 7 characters. */
  key: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
}

export interface DeployEmailView {
  /** Vigil's public base URL, without a trailing slash. */
  publicUrl: string;
  organizationSlug: string;
  version: string;
  environment: string;
  projectSlugs: string[];
  dateFinished: Date;
  /** Newest first; a long list is cut at MAX_COMMITS_SHOWN with a count of the rest. */
  commits: DeployEmailCommit[];
  filesChanged: number;
  newIssues: number;
  resolvedIssues: number;
  /** The recipient's name, for the greeting (may be empty). */
  recipientName: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const MAX_COMMITS_SHOWN = 50;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Header values stay on one line whatever a version or environment contains. */
export const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ').trim();

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export function releaseUrl(view: Pick<DeployEmailView, 'publicUrl' | 'organizationSlug' | 'version'>): string {
  return `${view.publicUrl}/organizations/${encodeURIComponent(view.organizationSlug)}/releases/${encodeURIComponent(view.version)}/`;
}

function summarize(commit: DeployEmailCommit): { sha: string; title: string; author: string } {
  return {
    sha: commit.key.slice(0, 7),
    title: oneLine(commit.message.split('\n', 1)[0] ?? '') || '(no message)',
    author: oneLine(commit.authorName || commit.authorEmail || 'unknown author'),
  };
}

export function renderDeployEmail(view: DeployEmailView): RenderedEmail {
  const projects = view.projectSlugs.join(', ');
  const subject = oneLine(`Deployed ${view.version} to ${view.environment}${projects ? ` (${projects})` : ''}`);
  const url = releaseUrl(view);
  const settingsUrl = `${view.publicUrl}/settings/account/notifications/`;
  const shown = view.commits.slice(0, MAX_COMMITS_SHOWN).map(summarize);
  const hidden = view.commits.length - shown.length;
  const when = view.dateFinished.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const stats = [
    plural(view.commits.length, 'commit'),
    plural(view.filesChanged, 'file changed', 'files changed'),
    plural(view.newIssues, 'new issue'),
    plural(view.resolvedIssues, 'resolved issue'),
  ];

  const text = [
    view.recipientName ? `Hi ${oneLine(view.recipientName)},` : 'Hi,',
    '',
    `Release ${view.version} was deployed to ${view.environment} on ${when}${projects ? ` (projects: ${projects})` : ''}.`,
    `It includes your commits. ${stats.join(', ')}.`,
    '',
    'Commits:',
    ...shown.map((c) => `  ${c.sha}  ${c.title} (${c.author})`),
    ...(hidden > 0 ? [`  … and ${plural(hidden, 'more commit')}`] : []),
    '',
    `View the release: ${url}`,
    '',
    `You receive this because a deploy shipped your commits. Turn deploy emails off in your notification settings: ${settingsUrl}`,
    '',
  ].join('\n');

  const commitRows = shown
    .map(
      (c) =>
        `<tr><td style="font-family:monospace;padding:2px 8px 2px 0">${escapeHtml(c.sha)}</td>` +
        `<td style="padding:2px 8px 2px 0">${escapeHtml(c.title)}</td><td style="color:#666">${escapeHtml(c.author)}</td></tr>`,
    )
    .join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:14px;color:#222">',
    `<p>${view.recipientName ? `Hi ${escapeHtml(oneLine(view.recipientName))},` : 'Hi,'}</p>`,
    `<p>Release <strong>${escapeHtml(view.version)}</strong> was deployed to <strong>${escapeHtml(view.environment)}</strong> on ${escapeHtml(when)}` +
      `${projects ? ` (projects: ${escapeHtml(projects)})` : ''}.</p>`,
    `<p>It includes your commits. ${escapeHtml(stats.join(', '))}.</p>`,
    '<table cellspacing="0" cellpadding="0">',
    commitRows,
    '</table>',
    hidden > 0 ? `<p>… and ${escapeHtml(plural(hidden, 'more commit'))}</p>` : '',
    `<p><a href="${escapeHtml(url)}">View the release</a></p>`,
    `<p style="color:#666;font-size:12px">You receive this because a deploy shipped your commits. ` +
      `<a href="${escapeHtml(settingsUrl)}">Turn deploy emails off</a>.</p>`,
    '</body></html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');

  return { subject, text, html: `${html}\n` };
}
