/**
 * Workflow emails about one issue (a mention, a comment, an assignment, a resolution, a
 * regression), as a pure function of a view model: the caller decides who gets what and why,
 * this only formats. Every value is HTML-escaped in the HTML part; the comment is shown as text.
 */
import { escapeHtml, type RenderedEmail } from './deploy-email.js';

export interface IssueNotificationView {
  /** The whole subject line, e.g. "Ann mentioned you on WEB-12". */
  headline: string;
  shortId: string;
  title: string;
  culprit: string;
  projectSlug: string;
  issueUrl: string;
  /** The comment, for mentions and comments. */
  comment: string | null;
  /** Why this person gets it, as a sentence: "You receive this because you were mentioned." */
  reason: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}

const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ').trim();

export function renderIssueNotification(view: IssueNotificationView): RenderedEmail & { headers: Record<string, string> } {
  const subject = oneLine(view.headline);
  const quoted = view.comment === null ? [] : ['', ...view.comment.split('\n').map((line) => `> ${line}`)];
  const text = [
    subject,
    '',
    `${view.shortId}: ${oneLine(view.title)}`,
    ...(view.culprit ? [oneLine(view.culprit)] : []),
    `Project: ${view.projectSlug}`,
    ...quoted,
    '',
    `View the issue: ${view.issueUrl}`,
    '',
    view.reason,
    `Unsubscribe from this issue: ${view.unsubscribeUrl}`,
    `Choose which emails you get: ${view.settingsUrl}`,
    '',
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:14px;color:#222">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    `<p><a href="${escapeHtml(view.issueUrl)}">${escapeHtml(view.shortId)}</a>: ${escapeHtml(oneLine(view.title))}<br>`,
    `<span style="color:#666">${escapeHtml(oneLine(view.culprit))} · ${escapeHtml(view.projectSlug)}</span></p>`,
    view.comment === null
      ? ''
      : `<blockquote style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding:4px 12px">${escapeHtml(view.comment)}</blockquote>`,
    `<p><a href="${escapeHtml(view.issueUrl)}">View the issue</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(view.reason)} ` +
      `<a href="${escapeHtml(view.unsubscribeUrl)}">Unsubscribe from this issue</a> · ` +
      `<a href="${escapeHtml(view.settingsUrl)}">Notification settings</a></p>`,
    '</body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return {
    subject,
    text,
    html: `${html}\n`,
    // RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to the URL.
    headers: { 'List-Unsubscribe': `<${view.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
