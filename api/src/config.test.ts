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

  it('reads the mail settings; without SMTP_URL mail goes to an outbox in the data directory', () => {
    expect(loadConfig({ VIGIL_DATA_DIR: '/var/lib/vigil' }).mail).toEqual({
      smtpUrl: undefined,
      from: 'Vigil <vigil@localhost>',
      outboxDir: '/var/lib/vigil/mail',
    });
    const config = loadConfig({ SMTP_URL: 'smtp://mailer:587', MAIL_FROM: 'Errors <errors@example.com>' });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtp://mailer:587', from: 'Errors <errors@example.com>' });
  });

  it('trusts no proxy by default; VIGIL_TRUST_PROXY takes Fastify\'s forms', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ VIGIL_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ VIGIL_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ VIGIL_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ VIGIL_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    expect(() => loadConfig({ VIGIL_TRUST_PROXY: 'yes' })).toThrow(/VIGIL_TRUST_PROXY.*"yes"/);
    expect(() => loadConfig({ VIGIL_TRUST_PROXY: '10.0.0.0/40' })).toThrow(/VIGIL_TRUST_PROXY/);
  });
});
