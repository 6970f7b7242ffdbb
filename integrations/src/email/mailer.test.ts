import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, OutboxMailer, SmtpMailer } from './mailer.js';
import { listOutbox, parseHeaders } from './outbox.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigil-outbox-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('createMailer', () => {
  it('uses SMTP when a URL is set, the outbox otherwise', () => {
    expect(createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Vigil <v@localhost>', outboxDir: '/nowhere' })).toBeInstanceOf(SmtpMailer);
    expect(createMailer({ smtpUrl: undefined, from: 'Vigil <v@localhost>', outboxDir: '/nowhere' })).toBeInstanceOf(OutboxMailer);
  });
});

describe('OutboxMailer and listOutbox', () => {
  it('writes RFC 822 files that the listing reads back, newest first', async () => {
    const dir = path.join(await tempDir(), 'mail');
    const mailer = new OutboxMailer(dir, 'Vigil <vigil@localhost>');
    await mailer.send({ to: 'jane@example.com', subject: 'First', text: 'one', html: '<p>one</p>' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.send({ to: 'joe@example.com', subject: 'Déployé web@1.0 — «prod»', text: 'deux', html: '<p>deux</p>' });

    const listed = await listOutbox(dir, 10);
    expect(listed.map((m) => [m.to, m.subject])).toEqual([
      ['joe@example.com', 'Déployé web@1.0 — «prod»'],
      ['jane@example.com', 'First'],
    ]);
    expect(listed[0]!.id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}\.eml$/);
    expect(Math.abs(listed[0]!.date.getTime() - Date.now())).toBeLessThan(60_000);

    const raw = await readFile(path.join(dir, listed[1]!.id), 'utf8');
    expect(listed[1]!.size).toBe(Buffer.byteLength(raw));
    const headers = parseHeaders(raw);
    expect(headers.get('from')).toBe('Vigil <vigil@localhost>');
    expect(headers.get('mime-version')).toBe('1.0');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative; boundary=/);
    expect(raw).toContain('\r\n\r\n');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    expect(await listOutbox(dir, 1)).toHaveLength(1);
  });

  it('lists nothing for an outbox that was never written, and skips other files', async () => {
    const dir = await tempDir();
    expect(await listOutbox(path.join(dir, 'mail'), 10)).toEqual([]);
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    await writeFile(path.join(dir, '.20260101T000000000Z-abcdef12.eml.tmp'), 'To: x\r\n\r\n');
    expect(await listOutbox(dir, 10)).toEqual([]);
  });
});
