/**
 * Browser, OS and device contexts derived from a User-Agent header, as Sentry does for events that
 * carry a request (or come from a browser SDK).
 */
import { parseUserAgent } from '../user-agent.js';

/**
 * Adds the contexts the SDK did not send. On server platforms the `os` context describes the server,
 * so, like Relay, the end user's OS goes to `client_os` there and to `os` only for browser events.
 */
export function addUserAgentContexts(
  contexts: Record<string, Record<string, unknown>>,
  userAgent: string,
  platform: string,
): void {
  const parsed = parseUserAgent(userAgent);
  if (parsed.browser && !contexts.browser) contexts.browser = parsed.browser;
  if (parsed.device && !contexts.device) contexts.device = parsed.device;
  const osKey = platform === 'javascript' ? 'os' : 'client_os';
  if (parsed.os && !contexts[osKey]) contexts[osKey] = parsed.os;
}
