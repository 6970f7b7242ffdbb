/**
 * Sealing stored credentials with AES-256-GCM, under a key derived from the instance secret
 * (`auth/instance-key.ts`). Each sealed value is bound to what it belongs to (the `context`), so
 * it cannot be copied to another row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { instanceKey } from '../auth/instance-key.js';
import type { Config } from '../config.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The 256-bit key for stored credentials, derived from the configured secret. */
export async function credentialKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Promise<Buffer> {
  return instanceKey(config, 'stored-credentials');
}

export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The plaintext, or an error when the key changed or the value was tampered with. */
export function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, data] = sealed.split(':');
  if (version !== VERSION || !data) throw new Error('Unknown sealed credential format');
  const bytes = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
