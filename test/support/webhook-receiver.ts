import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** A real HTTP server on 127.0.0.1 that records what it receives; `respond` picks each answer's status. */
export async function startWebhookReceiver(respond: (hook: ReceivedHook, index: number) => number = () => 200) {
  const received: ReceivedHook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as received; the test decides
      }
      const hook = { headers: request.headers, body, json };
      received.push(hook);
      response.writeHead(respond(hook, received.length - 1), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    ofEvent: (event: string) => received.filter((r) => r.headers['x-servicehook-event'] === event),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
