/**
 * "Fixes WEB-12" in commit messages, after Sentry's `groupreference.py`: a keyword (Fix, Fixes,
 * Fixed, Close(s/d), Resolve(s/d), any case, optional colon) followed by a list of references:
 * short IDs, markdown links to them, or issue URLs on Vigil's own host. Pure: the caller looks the
 * references up, scoped to the commit's organization.
 */
import { parseShortId } from '../issues/short-id.js';

export interface FixesReferences {
  /** Upper-cased short IDs (`WEB-12`), in order of appearance, without duplicates. */
  shortIds: string[];
  /** Issue ids from issue URLs on `ownHost`. */
  issueIds: number[];
}

const KEYWORD = String.raw`\b(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?)\b:?`;
/** A short ID token: project slug (may contain dashes), a dash, the base32 number. */
const SHORT_ID = String.raw`[A-Za-z0-9_][A-Za-z0-9_-]*-[A-Za-z0-9]+`;
const URL_TOKEN = String.raw`https?://[^\s,<>()\[\]]+`;
/** A reference ends where a word would: whitespace, list punctuation or sentence punctuation. */
const END = String.raw`(?=$|[\s,.;:!?)\]])`;
const REFERENCE = `(?:${URL_TOKEN}|${SHORT_ID})${END}`;
/** Between references: a comma or "and" (either may wrap a line), or spaces on the same line. */
const SEPARATOR = String.raw`(?:\s*,\s*(?:and\s+)?|\s+and\s+|[ \t]+)`;

const FIXES_RE = new RegExp(`${KEYWORD}[ \\t]*\\n?[ \\t]*(${REFERENCE}(?:${SEPARATOR}${REFERENCE})*)`, 'gi');
const REFERENCE_RE = new RegExp(REFERENCE, 'gi');
/** `[WEB-12](https://…)` as users paste them from the dashboard. */
const MARKDOWN_LINK_RE = /\[([^\]\n]*)\]\(([^)\s]*)\)/g;
const SHORT_ID_ONLY_RE = new RegExp(`^${SHORT_ID}$`);
/** Sentry's issue URL shape: `/organizations/<org>/issues/<id>/`. */
const ISSUE_PATH_RE = /^\/organizations\/[^/]+\/issues\/(\d+)(?:\/|$)/;

/** A link counts as its text when the text is a short ID, otherwise as its URL. */
function flattenMarkdownLinks(text: string): string {
  return text.replace(MARKDOWN_LINK_RE, (_all, label: string, url: string) => (SHORT_ID_ONLY_RE.test(label.trim()) ? label.trim() : url));
}

function issueIdFromUrl(raw: string, ownHost: string): number | null {
  let url: URL;
  try {
    // A URL at the end of a sentence keeps its period in the token.
    url = new URL(raw.replace(/[.,;:!?]+$/, ''));
  } catch {
    return null;
  }
  if (url.host.toLowerCase() !== ownHost.toLowerCase()) return null;
  const id = ISSUE_PATH_RE.exec(url.pathname)?.[1];
  const value = id === undefined ? NaN : Number(id);
  return Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647 ? value : null;
}

/** A short ID whose project slug has a letter (slugs are never all digits) and whose number decodes. */
function normalizeShortId(token: string): string | null {
  const parsed = parseShortId(token);
  if (!parsed || !/[a-z]/i.test(parsed.projectSlug)) return null;
  return token.toUpperCase();
}

/**
 * The issues a commit message says it fixes. `ownHost` is the host (with port) of Vigil's public
 * URL; issue URLs count only on that host, since an id means nothing on another installation.
 */
export function parseFixesReferences(text: string, ownHost?: string): FixesReferences {
  const shortIds = new Set<string>();
  const issueIds = new Set<number>();
  for (const match of flattenMarkdownLinks(text).matchAll(FIXES_RE)) {
    for (const [token] of (match[1] ?? '').matchAll(REFERENCE_RE)) {
      if (/^https?:\/\//i.test(token)) {
        const id = ownHost ? issueIdFromUrl(token, ownHost) : null;
        if (id !== null) issueIds.add(id);
        continue;
      }
      const shortId = normalizeShortId(token);
      if (shortId) shortIds.add(shortId);
    }
  }
  return { shortIds: [...shortIds], issueIds: [...issueIds] };
}
