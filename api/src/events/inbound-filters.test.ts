import { describe, expect, it } from 'vitest';
import { applyInboundFilters, globMatches } from './inbound-filters.js';
import { DEFAULT_INBOUND_FILTERS, type InboundFilterSettings } from '../projects/project-options.js';

const UA = {
  ie10: 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)',
  ie11: 'Mozilla/5.0 (Windows NT 6.3; Trident/7.0; rv:11.0) like Gecko',
  ieMobile9: 'Mozilla/5.0 (compatible; MSIE 9.0; Windows Phone OS 7.5; Trident/5.0; IEMobile/9.0; NOKIA; Lumia 710)',
  safari10: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/603.3.8 (KHTML, like Gecko) Version/10.1.2 Safari/603.3.8',
  iosSafari9: 'Mozilla/5.0 (iPad; CPU OS 9_3_6 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) Version/9.0 Mobile/13G37 Safari/601.1',
  chrome49: 'Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36',
  firefox48: 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:48.0) Gecko/20100101 Firefox/48.0',
  edge18: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582',
  opera12: 'Opera/9.80 (X11; Linux i686; Ubuntu/14.10) Presto/2.12.388 Version/12.16',
  operaMini7: 'Opera/9.80 (J2ME/MIDP; Opera Mini/7.0.32796/59.323; U; fr) Presto/2.12.423 Version/12.16',
  android41: 'Mozilla/5.0 (Linux; U; Android 4.1.1; en-gb; Build/KLP) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30',
  chrome131: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  edge131: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  opera115: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  firefox133: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safari17: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  iosSafari17: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotSmartphone: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  twitterbot: 'Twitterbot/1.0',
  slackUnfurl: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  pingdom: 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  gptbot: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.1; +https://openai.com/gptbot',
  slackbot: 'Slackbot 1.0 (+https://api.slack.com/robots)',
  sentryUptime: 'SentryUptimeBot/1.0 (+http://docs.sentry.io/product/alerts/uptime-monitoring/)',
  chatgptUser: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot',
  curl: 'curl/8.5.0',
};

const only = (overrides: Partial<InboundFilterSettings>): InboundFilterSettings => ({ ...DEFAULT_INBOUND_FILTERS, ...overrides });

/** A browser SDK error event, with the UA where the browser SDK puts it. */
function browserEvent(userAgent: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    platform: 'javascript',
    release: 'web@1.2.3',
    exception: { values: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')",
      stacktrace: { frames: [{ filename: 'https://shop.example.com/assets/app.min.js', abs_path: 'https://shop.example.com/assets/app.min.js', function: 'render', lineno: 1, colno: 2045 }] } }] },
    request: { url: 'https://shop.example.com/cart', headers: { 'User-Agent': userAgent } },
    ...extra,
  };
}

describe('legacy browsers', () => {
  const settings = only({ legacyBrowsers: true });

  it.each(['ie10', 'ie11', 'ieMobile9', 'safari10', 'iosSafari9', 'chrome49', 'firefox48', 'edge18', 'opera12', 'operaMini7', 'android41'] as const)(
    'filters %s', (name) => {
      expect(applyInboundFilters(browserEvent(UA[name]), settings, {})).toBe('legacy-browsers');
    });

  it.each(['chrome131', 'chromeAndroid', 'edge131', 'opera115', 'firefox133', 'safari17', 'iosSafari17', 'googlebot', 'curl'] as const)(
    'keeps %s', (name) => {
      expect(applyInboundFilters(browserEvent(UA[name]), settings, {})).toBeNull();
    });

  it('reads the header in any case, and as pairs', () => {
    const pairs = browserEvent(UA.ie11, { request: { headers: [['user-agent', UA.ie11]] } });
    expect(applyInboundFilters(pairs, settings, {})).toBe('legacy-browsers');
    const upper = browserEvent(UA.ie11, { request: { headers: { 'USER-AGENT': UA.ie11 } } });
    expect(applyInboundFilters(upper, settings, {})).toBe('legacy-browsers');
  });

  it('falls back to the ingest request UA, but never to an SDK transport UA', () => {
    const noHeaders = browserEvent(UA.ie11, { request: { url: 'https://shop.example.com/' } });
    expect(applyInboundFilters(noHeaders, settings, { userAgent: UA.ie11 })).toBe('legacy-browsers');
    expect(applyInboundFilters(noHeaders, settings, { userAgent: 'sentry.javascript.node/11.12.0' })).toBeNull();
    expect(applyInboundFilters(browserEvent(UA.chrome131), settings, { userAgent: UA.ie11 })).toBeNull();
  });
});

describe('web crawlers', () => {
  const settings = only({ webCrawlers: true });

  it.each(['googlebot', 'googlebotSmartphone', 'bingbot', 'twitterbot', 'slackUnfurl', 'pingdom', 'gptbot'] as const)(
    'filters %s', (name) => {
      expect(applyInboundFilters(browserEvent(UA[name]), settings, {})).toBe('web-crawlers');
    });

  it.each(['chrome131', 'safari17', 'ie11', 'slackbot', 'sentryUptime', 'chatgptUser', 'curl'] as const)(
    'keeps %s', (name) => {
      expect(applyInboundFilters(browserEvent(UA[name]), settings, {})).toBeNull();
    });

  it('applies to server events whose request came from a crawler', () => {
    const nodeEvent = { platform: 'node', request: { method: 'GET', url: 'https://shop.example.com/p/1', headers: { 'user-agent': UA.bingbot } } };
    expect(applyInboundFilters(nodeEvent, settings, { userAgent: 'sentry.javascript.node/11.12.0' })).toBe('web-crawlers');
  });
});

describe('browser extensions', () => {
  const settings = only({ browserExtensions: true });
  const withException = (exception: Record<string, unknown>): Record<string, unknown> =>
    browserEvent(UA.chrome131, { exception: { values: [exception] } });
  const fromSource = (path: string, key = 'abs_path'): Record<string, unknown> =>
    withException({ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [
      { abs_path: 'https://shop.example.com/app.js', function: 'main' }, { [key]: path, function: 'inject' },
    ] } });

  it.each([
    "Can't find variable: ZiteReader",
    'top.GLOBALS is undefined',
    'originalCreateNotification',
    'canvas.contentDocument',
    'MyApp_RemoveAllHighlights is not defined',
    'atomicFindClose',
    'conduitPage',
    'jigsaw is not defined',
    'ComboSearch is not defined',
    'bad fb_xd_fragment',
    'bmi_SafeAddOnload',
    'EBCallBackMessageReceived',
    "undefined is not an object (evaluating '__gCrWeb.autofill')",
    'Extension context invalidated.',
    'Error at webkit-masked-url://hidden/:12:34',
  ])('filters the extension error %j', (value) => {
    expect(applyInboundFilters(withException({ type: 'Error', value }), settings, {})).toBe('browser-extensions');
  });

  it.each([
    ['chrome-extension://abcdefghijklmnop/content.js', 'abs_path'],
    ['moz-extension://0f3b5c1e-1234/inject.js', 'abs_path'],
    ['safari-extension://com.example.ext-ABC/script.js', 'filename'],
    ['safari-web-extension://E7A5B0C2/content.js', 'filename'],
    ['https://connect.facebook.net/en_US/sdk.js', 'abs_path'],
    ['https://fscr.kaspersky-labs.com/B-9B72-7B7/main.js', 'abs_path'],
  ])('filters a crash in %s', (path, key) => {
    expect(applyInboundFilters(fromSource(path, key), settings, {})).toBe('browser-extensions');
  });

  it('keeps ordinary application errors, including ones that passed through an extension frame', () => {
    expect(applyInboundFilters(browserEvent(UA.chrome131), settings, {})).toBeNull();
    const calledByExtension = withException({ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [
      { abs_path: 'chrome-extension://abc/content.js' }, { abs_path: 'https://shop.example.com/app.js' },
    ] } });
    expect(applyInboundFilters(calledByExtension, settings, {})).toBeNull();
  });
});

describe('localhost', () => {
  const settings = only({ localhost: true });
  const nodeEvent = (extra: Record<string, unknown> = {}): Record<string, unknown> =>
    ({ platform: 'node', exception: { values: [{ type: 'Error', value: 'x' }] }, ...extra });

  it.each([
    ['user.ip_address 127.0.0.1', nodeEvent({ user: { ip_address: '127.0.0.1' } }), {}],
    ['user.ip_address ::1', nodeEvent({ user: { ip_address: '::1' } }), {}],
    ['a request to localhost', nodeEvent({ request: { url: 'http://localhost:3000/boom' } }), { clientIp: '203.0.113.9' }],
    ['a request to 127.0.0.1', browserEvent(UA.chrome131, { request: { url: 'http://127.0.0.1:8080/' } }), {}],
    ['a request to [::1]', browserEvent(UA.chrome131, { request: { url: 'http://[::1]:5173/' } }), {}],
    ['a request to app.localhost', browserEvent(UA.chrome131, { request: { url: 'http://app.localhost/' } }), {}],
    ['{{auto}} from a loopback sender', nodeEvent({ user: { id: '42', ip_address: '{{auto}}' } }), { clientIp: '127.0.0.1' }],
    ['no request, loopback sender', nodeEvent(), { clientIp: '::1' }],
  ])('filters %s', (_name, event, context) => {
    expect(applyInboundFilters(event, settings, context)).toBe('localhost');
  });

  it.each([
    ['a public user IP', nodeEvent({ user: { ip_address: '203.0.113.9' } }), { clientIp: '127.0.0.1' }],
    ['a public request URL from a loopback sender', browserEvent(UA.chrome131), { clientIp: '127.0.0.1' }],
    ['no request, public sender', nodeEvent(), { clientIp: '198.51.100.4' }],
    ['a host that merely starts with localhost', browserEvent(UA.chrome131, { request: { url: 'https://localhost.example.com/' } }), {}],
    ['an unparsable URL', browserEvent(UA.chrome131, { request: { url: '/relative/path' } }), {}],
  ])('keeps %s', (_name, event, context) => {
    expect(applyInboundFilters(event, settings, context)).toBeNull();
  });
});

describe('error messages', () => {
  const filter = (event: Record<string, unknown>, ...errorMessages: string[]): string | null =>
    applyInboundFilters(event, only({ errorMessages }), {});
  const exceptionEvent = (type: string | undefined, value: string): Record<string, unknown> =>
    ({ platform: 'node', exception: { values: [{ ...(type === undefined ? {} : { type }), value }] } });

  it.each([
    [exceptionEvent('ConnectionError', 'timed out after 30s'), '*ConnectionError*'],
    [exceptionEvent('ConnectionError', 'timed out after 30s'), 'connectionerror: timed out*'],
    [exceptionEvent('Error', 'ResizeObserver loop limit exceeded'), '*resizeobserver loop*'],
    [exceptionEvent(undefined, 'hello world'), 'hello world'], // v11 captureMessage: synthetic exception without type
    [{ message: 'Payment provider down' }, 'payment provider*'],
    [{ logentry: { message: 'smoke %s', params: ['one'] } }, 'smoke one'],
    [{ logentry: { formatted: 'disk 91% full', message: 'disk %d%% full', params: [91] } }, 'disk ??% full'],
  ])('filters %j with %s', (event, pattern) => {
    expect(filter(event, 'unrelated', pattern)).toBe('error-message');
  });

  it.each([
    [exceptionEvent('ConnectionError', 'timed out'), 'ConnectionError'], // whole-string match
    [exceptionEvent('TypeError', 'x is undefined'), '*ConnectionError*'],
    [{ type: 'transaction', transaction: 'GET /health', message: 'GET /health' }, '*'],
    [exceptionEvent('Error', 'a*b'), 'a\\*c'],
  ])('keeps %j with %s', (event, pattern) => {
    expect(filter(event, pattern)).toBeNull();
  });
});

describe('releases', () => {
  const filter = (release: unknown, ...releases: string[]): string | null =>
    applyInboundFilters({ platform: 'node', release }, only({ releases }), {});

  it.each([
    ['web@1.2.3', 'web@1.*'],
    ['web@1.2.3', 'WEB@1.2.3'],
    ['web@1.2.3-beta.1', '*beta*'],
  ])('filters %s with %s', (release, pattern) => {
    expect(filter(release, pattern)).toBe('release-version');
  });

  it.each([
    ['web@2.0.0', 'web@1.*'],
    [undefined, '*'],
    ['', '*'],
    ['web@1.2.3', '  '],
  ])('keeps %s with %j', (release, pattern) => {
    expect(filter(release, pattern)).toBeNull();
  });
});

describe('defaults', () => {
  it('filters nothing when every filter is off, even a Googlebot on IE from localhost', () => {
    const event = browserEvent(`${UA.ie10} Googlebot/2.1`, { user: { ip_address: '127.0.0.1' }, request: { url: 'http://localhost/' } });
    expect(applyInboundFilters(event, DEFAULT_INBOUND_FILTERS, { userAgent: UA.ie11, clientIp: '127.0.0.1' })).toBeNull();
  });
});

describe('globMatches', () => {
  it.each([
    ['*', '', true],
    ['', '', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a\\*c', 'a*c', true],
    ['a\\?c', 'abc', false],
    ['**a', 'ba', true],
  ])('%j against %j → %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });
});
