/**
 * Where a service hook may POST: http(s) URLs whose every address is public unicast. Checked when
 * a hook is saved and again at connect time (the socket's DNS lookup checks every address it
 * got), so a name that later resolves to 127.0.0.1 or 169.254.169.254 is refused too.
 * `VIGIL_WEBHOOKS_ALLOW_PRIVATE=1` lifts the address check (tests, trusted networks).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { badInput } from '../errors.js';

export const MAX_URL_LENGTH = 2048;

/** True only for public unicast addresses (IPv4-mapped IPv6 is judged as the IPv4 it carries). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The URL when it is one a hook may have (http or https, no odd parts); BAD_USER_INPUT otherwise. */
export function parseHookUrl(raw: unknown): URL {
  if (typeof raw !== 'string' || raw.trim() === '') throw badInput('url is required', 'url');
  if (raw.length > MAX_URL_LENGTH) throw badInput(`url is longer than ${MAX_URL_LENGTH} characters`, 'url');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(`"${raw}" is not a valid URL`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput('url must be http:// or https://', 'url');
  if (url.username || url.password) throw badInput('url must not carry credentials', 'url');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/** Refuses (BAD_USER_INPUT) a URL whose host is, or resolves to, a non-public address. */
export async function assertPublicTarget(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host).then((all) => all.map((a) => a.address), () => {
    throw badInput(`The host ${host} does not resolve`, 'url');
  });
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) throw badInput(`Webhooks may not target loopback, private or link-local addresses (${host} is ${refused})`, 'url');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that fails the connection when any address of the host is not public. */
export function publicOnlyLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused) {
        const denied: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${refused.address}, a loopback, private or link-local address`);
        denied.code = 'EADDRNOTPUBLIC';
        return callback(denied, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** A literal IP host is connected to without a lookup, so it is checked here. */
export function literalHostRefusal(url: URL, allowPrivate: boolean): string | null {
  const host = hostOf(url);
  if (allowPrivate || !isIP(host) || isPublicAddress(host)) return null;
  return `${host} is a loopback, private or link-local address`;
}
