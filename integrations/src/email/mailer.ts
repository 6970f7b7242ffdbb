/**
 * Outbound email as an adapter: SMTP through nodemailer when an SMTP URL is configured, otherwise a
 * local outbox of RFC 822 `.eml` files that the dashboard lists (so a fresh install shows what it
 * would have sent). No database access; callers pass the settings in.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /**
   * Resolves once the SMTP server accepted the message (null) or the outbox file is written (its
   * file name, so the caller can record whose message it is).
   */
  send(message: MailMessage): Promise<string | null>;
}

export interface MailSettings {
  /** `smtp://` or `smtps://` URL; options such as `?ignoreTLS=true` go in its query string. */
  smtpUrl: string | undefined;
  /** The sender, e.g. `Vigil <vigil@example.com>`. */
  from: string;
  /** Where the outbox writes when there is no SMTP URL. */
  outboxDir: string;
}

// Fail a stuck delivery well within a job's timeout, so the job retries instead of hanging.
const SMTP_TIMEOUTS: SMTPTransport.Options = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer, loaded on the first message (most processes never send one). */
async function nodemailer() {
  return (await import('nodemailer')).default;
}

/** Delivers through an SMTP server. */
export class SmtpMailer implements Mailer {
  private transport: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<null> {
    this.transport ??= nodemailer().then((mailer) => mailer.createTransport(this.smtpUrl, SMTP_TIMEOUTS));
    await (await this.transport).sendMail({ from: this.from, ...message });
    return null;
  }
}

/** Writes each message as `<time>-<random>.eml` under `dir`; file names sort by time. */
export class OutboxMailer implements Mailer {
  private transport: Promise<Transporter> | undefined;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<string> {
    this.transport ??= nodemailer().then((mailer) => mailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
    const info = await (await this.transport).sendMail({ from: this.from, ...message });
    const raw = info.message;
    if (!Buffer.isBuffer(raw)) throw new Error('nodemailer did not return the message as a buffer');
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}.eml`;
    // Written under a temporary name first, so the outbox never lists half a message.
    const temporary = path.join(this.dir, `.${name}.tmp`);
    await writeFile(temporary, raw);
    await rename(temporary, path.join(this.dir, name));
    return name;
  }
}

/** SMTP when `smtpUrl` is set, otherwise the outbox. */
export function createMailer(settings: MailSettings): Mailer {
  return settings.smtpUrl ? new SmtpMailer(settings.smtpUrl, settings.from) : new OutboxMailer(settings.outboxDir, settings.from);
}
