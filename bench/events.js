// SDK-shaped error events (as @sentry/node 11 sends them), padded to a target size.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const TYPES = ['TypeError', 'RangeError', 'Error', 'SyntaxError', 'ReferenceError'];

function frames(variant) {
  const app = Array.from({ length: 6 }, (_, i) => ({
    filename: `/srv/app/src/module${variant % 23}/file${i}.js`,
    module: `module${variant % 23}:file${i}`,
    function: `handler${variant}_${i}`,
    lineno: 10 + i,
    colno: 5,
    in_app: true,
    pre_context: ['const a = 1;', 'const b = 2;'],
    context_line: `  doWork${variant}(input);`,
    post_context: ['return a + b;', '}'],
  }));
  const system = Array.from({ length: 10 }, (_, i) => ({
    filename: `node:internal/process/task_queues`,
    module: 'task_queues',
    function: `processTicksAndRejections${i}`,
    lineno: 95,
    colno: 5,
    in_app: false,
  }));
  return [...system, ...app];
}

/** The event for error variant `variant` (0..199), padded with breadcrumbs to about `bytes`. */
export function makeEvent(variant, bytes) {
  const event = {
    event_id: randomUUID().replace(/-/g, ''),
    level: 'error',
    platform: 'node',
    timestamp: Date.now() / 1000,
    server_name: 'bench',
    environment: 'production',
    release: `web@1.${variant % 5}.0`,
    exception: { values: [{ type: TYPES[variant % TYPES.length], value: `Failure ${variant} in order 1234`, mechanism: { type: 'generic', handled: true }, stacktrace: { frames: frames(variant) } }] },
    contexts: { runtime: { name: 'node', version: 'v20.20.2' }, os: { name: 'Debian', version: '12' } },
    tags: { feature: `f${variant % 7}` },
    user: { id: `u-${variant % 50}` },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    breadcrumbs: [],
  };
  let size = JSON.stringify(event).length;
  let i = 0;
  while (size < bytes) {
    const crumb = { timestamp: Date.now() / 1000, category: 'http', level: 'info', message: `GET /api/items/${i} 200 ${'x'.repeat(80)}` };
    event.breadcrumbs.push(crumb);
    size += JSON.stringify(crumb).length + 1;
    i++;
  }
  return event;
}

/** An envelope body as the Node SDK frames it; gzip above 32 KiB, as the SDK does. */
export function makeEnvelope(event) {
  const body = Buffer.from(`${JSON.stringify({ event_id: event.event_id, sent_at: new Date().toISOString() })}\n{"type":"event"}\n${JSON.stringify(event)}\n`);
  return body.length > 32 * 1024 ? { body: gzipSync(body), headers: { 'content-encoding': 'gzip' } } : { body, headers: {} };
}
