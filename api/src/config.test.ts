import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('reads strings from the environment it is given', () => {
    const config = loadConfig({ HOST: '10.1.2.3', VIGIL_URL: 'https://vigil.example.com/' });
    expect(config.host).toBe('10.1.2.3');
    expect(config.publicUrl).toBe('https://vigil.example.com');
    expect(config.secureCookies).toBe(true);
  });

  // Regression: numbers used to be read from process.env, ignoring the env passed in, so
  // test servers started with `PORT: '0'` all bound 8000 (fixed in e15191b).
  it('reads numbers from the environment it is given, not from process.env', () => {
    const config = loadConfig({ PORT: '4321', VIGIL_SESSION_TTL_DAYS: '7', VIGIL_JOB_TIMEOUT_SECONDS: '42' });
    expect(config.port).toBe(4321);
    expect(config.sessionTtlDays).toBe(7);
    expect(config.queue.jobTimeoutSeconds).toBe(42);
  });
});
