import type { SharedException, SharedFrame, SharedIssueView } from './shared-issue.service.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1f1d24;background:#fafafa}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:20px;margin:0 0 4px}
.muted{color:#5a5466}
dl{display:flex;gap:24px;margin:16px 0}
dt{font-size:12px;color:#5a5466}
dd{margin:0;font-weight:600}
section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:12px 16px}
h2{font-size:16px;margin:0 0 8px}
.frame{border-top:1px solid #eee;padding:6px 0}
.frame.system{color:#5a5466}
pre{background:#f4f3f6;padding:8px;overflow:auto;margin:4px 0;font-size:12px}
pre:focus{outline:2px solid #6c5fc7}
.line{display:block}
.current{background:#e9e4ff;font-weight:600}
footer{font-size:12px;color:#5a5466}
`;

function frameLocation(frame: SharedFrame): string {
  const where = frame.filename ?? frame.module ?? '?';
  const line = frame.lineno != null ? `:${frame.lineno}${frame.colno != null ? `:${frame.colno}` : ''}` : '';
  return `${where}${line}`;
}

function contextBlock(frame: SharedFrame): string {
  if (frame.contextLine == null) return '';
  const start = (frame.lineno ?? 0) - (frame.preContext?.length ?? 0);
  const lines = [...(frame.preContext ?? []), frame.contextLine, ...(frame.postContext ?? [])];
  const current = frame.preContext?.length ?? 0;
  const body = lines
    .map((text, i) => `<span class="line${i === current ? ' current' : ''}">${escape(frame.lineno != null ? `${start + i}  ` : '')}${escape(text)}</span>`)
    .join('');
  return `<pre tabindex="0">${body}</pre>`;
}

function frameHtml(frame: SharedFrame, crashing: boolean): string {
  const name = frame.function ? escape(frame.function) : '<em>anonymous function</em>';
  const context = crashing || frame.inApp ? contextBlock(frame) : '';
  return `<div class="frame${frame.inApp ? '' : ' system'}"><div><strong>${name}</strong> <span class="muted">in ${escape(frameLocation(frame))}</span></div>${context}</div>`;
}

function exceptionHtml(exception: SharedException, index: number): string {
  // Frames arrive oldest first; people read the crashing frame first.
  const frames = [...exception.frames].reverse();
  const heading = `${index > 0 ? 'Caused by ' : ''}${exception.type ?? 'Error'}`;
  return `<section aria-labelledby="exception-${index}"><h2 id="exception-${index}">${escape(heading)}</h2>
<p>${escape(exception.value)}</p>${frames.map((f, i) => frameHtml(f, i === 0)).join('')}</section>`;
}

/** The public page of a shared issue: static HTML, no script, every value escaped. */
export function renderSharedIssuePage(view: SharedIssueView): string {
  // The SDK sends chained exceptions innermost last; show the one that was thrown first.
  const exceptions = [...view.exceptions].reverse();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(`${view.shortId}: ${view.title}`)}</title><style>${STYLE}</style></head>
<body><main>
<p class="muted">${escape(view.projectName)} · ${escape(view.shortId)} · ${escape(view.level)}</p>
<h1>${escape(view.title)}</h1>
<p class="muted">${escape(view.culprit)}</p>
<dl><div><dt>Events</dt><dd>${view.count}</dd></div><div><dt>Users</dt><dd>${view.userCount}</dd></div>
<div><dt>First seen</dt><dd><time datetime="${view.firstSeen.toISOString()}">${escape(view.firstSeen.toUTCString())}</time></dd></div>
<div><dt>Last seen</dt><dd><time datetime="${view.lastSeen.toISOString()}">${escape(view.lastSeen.toUTCString())}</time></dd></div></dl>
${exceptions.length > 0 ? exceptions.map(exceptionHtml).join('') : view.message ? `<section><h2>Message</h2><pre tabindex="0">${escape(view.message)}</pre></section>` : ''}
<footer>Shared from Vigil. The latest event is shown without tags, user, request or other details.</footer>
</main></body></html>`;
}

export function renderSharedIssueNotFound(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Not shared</title><style>${STYLE}</style></head>
<body><main><h1>This issue is not shared</h1><p>The link is wrong, or sharing was turned off.</p></main></body></html>`;
}
