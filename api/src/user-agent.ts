/**
 * Browser, OS and device recognised in a User-Agent header: for event contexts (events/) and for
 * describing sign-in sessions (identity/).
 */
import { createRequire } from 'node:module';

/** The subset of ua-parser-js 1.x's result that we read. */
interface UaParserResult {
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { vendor?: string; model?: string; type?: string };
}

// ua-parser-js 1.x is MIT (2.x is AGPL) and ships no type declarations, so it is loaded through
// require with the shape above. Called without `new`, it returns the parse result directly.
const require = createRequire(import.meta.url);
const uaParser = require('ua-parser-js') as (userAgent: string) => UaParserResult;

/** Long UA strings are junk or attacks; real ones are a few hundred characters. */
const MAX_USER_AGENT_LENGTH = 1024;

export interface UserAgentContexts {
  browser?: Record<string, unknown>;
  os?: Record<string, unknown>;
  device?: Record<string, unknown>;
}

/** Contexts in Sentry's shape (`{type, name, version}`, `{type, family, model, brand}`); only what was recognised. */
export function parseUserAgent(userAgent: string): UserAgentContexts {
  const text = userAgent.trim();
  if (text === '' || text.length > MAX_USER_AGENT_LENGTH) return {};
  const { browser, os, device } = uaParser(text);
  const contexts: UserAgentContexts = {};
  if (browser.name) contexts.browser = withVersion({ type: 'browser', name: browser.name }, browser.version);
  if (os.name) contexts.os = withVersion({ type: 'os', name: os.name }, os.version);
  if (device.model) {
    contexts.device = { type: 'device', family: device.model, model: device.model };
    if (device.vendor) contexts.device.brand = device.vendor;
  }
  return contexts;
}

function withVersion(context: Record<string, unknown>, version: string | undefined): Record<string, unknown> {
  return version ? { ...context, version } : context;
}
