import { SMTPServer } from 'smtp-server';
import { parseHeaders } from '../../integrations/src/email/outbox.js';

/** A message as a real SMTP server received it. */
export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope: who really gets it. */
  rcptTo: string[];
  raw: string;
  headers: Map<string, string>;
  text: string;
  html: string;
}

/** A real SMTP server on 127.0.0.1 (random port), plain text and no auth, keeping what it receives. */
export async function startSmtpServer(): Promise<{ url: string; received: ReceivedMail[]; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP server has no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

/** The headers and the decoded text/html parts of a (multipart/alternative) message. */
export function parseMail(raw: string): { headers: Map<string, string>; text: string; html: string } {
  const headers = parseHeaders(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  const found = { text: '', html: '' };
  for (const part of parts) {
    const partHeaders = parseHeaders(part.replace(/^\r?\n/, ''));
    const bodyStart = part.search(/\r?\n\r?\n/);
    const body = decodeBody(part.slice(bodyStart).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, ''), partHeaders.get('content-transfer-encoding'));
    const type = partHeaders.get('content-type') ?? '';
    if (type.startsWith('text/plain')) found.text = body.replace(/\r\n/g, '\n');
    if (type.startsWith('text/html')) found.html = body.replace(/\r\n/g, '\n');
  }
  return { headers, ...found };
}
