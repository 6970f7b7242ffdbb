import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser } from './support/browser.js';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('<!doctype html><title>t</title><button onclick="this.textContent=\'clicked\'">click</button>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the test browser', () => {
  it('comes from npm, not from the system, when CHROMIUM_PATH is unset', { timeout: 120_000 }, async () => {
    const chosen = await chromiumPath({});
    expect(chosen).not.toBe('/usr/bin/chromium');
    expect(chosen).toMatch(/\/node_modules\/\.cache\/sparticuz-chromium-[\d.]+\/chromium$/);
  });

  it('launches headless and drives a page on loopback', async () => {
    const browser = await launchBrowser();
    try {
      await browser.page.goto(url);
      await browser.page.getByRole('button').click();
      await expect.poll(() => browser.page.getByRole('button').textContent()).toBe('clicked');
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
