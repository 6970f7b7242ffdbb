import 'reflect-metadata';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { Deps } from '../runtime/deps.js';
import { registerSlackRoutes } from './slack.routes.js';

describe('POST /slack/events without the Slack settings', () => {
  it('answers 503 saying what to set (and never reaches the SPA fallback)', async () => {
    const fastify = Fastify();
    // No database is touched before the settings are checked.
    await registerSlackRoutes(fastify, { config: loadConfig({}), log: createLogger('silent') } as Deps);
    const response = await fastify.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ detail: 'Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
    await fastify.close();
  });
});
