import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { seriousViolations } from '../support/axe.js';
import { launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Password and sessions, with one person signed in on a laptop and a phone. */
let server: TestServer;
let laptop: TestBrowser;
let phone: TestBrowser;
let owner: User;
let organization: Organization;

beforeAll(async () => {
  server = await startTestServer();
  owner = await buildUser(server.app, { password: true });
  organization = await buildOrganization(server.app, owner);
  laptop = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
}, 120_000);

afterAll(async () => {
  await laptop?.close();
  await phone?.close();
  await server?.close();
});

const securityUrl = () => `${server.url}/organizations/${organization.slug}/settings/account/security/`;

/** Whether the browser is still signed in: the settings page, or the login page it is sent to. */
async function isSignedIn(browser: TestBrowser): Promise<boolean> {
  await browser.page.goto(securityUrl());
  const landed = await Promise.race([
    browser.page.getByRole('heading', { name: 'Password & sessions' }).waitFor().then(() => 'settings'),
    browser.page.getByRole('button', { name: 'Sign in' }).waitFor().then(() => 'login'),
  ]);
  return landed === 'settings';
}

describe('password and sessions, in Chromium', () => {
  it('lists both sign-ins, signs out the other browser, and passes axe at both widths', { timeout: 120_000 }, async () => {
    await signIn(laptop.page, server.url, owner.email, TEST_PASSWORD);
    await signIn(phone.page, server.url, owner.email, TEST_PASSWORD);
    for (const browser of [laptop, phone]) {
      await browser.page.goto(securityUrl());
      const sessions = browser.page.getByRole('table', { name: 'Sessions' });
      await sessions.getByText('This session').waitFor();
      expect(await sessions.locator('tbody tr').count()).toBe(2);
      expect(await sessions.locator('tbody tr').first().innerText()).toMatch(/^Chrome[ A-Za-z]* \d+ on Linux/);
      expect(await seriousViolations(browser.page)).toEqual([]);
    }

    const other = laptop.page.getByRole('table', { name: 'Sessions' }).locator('tbody tr').filter({ hasNotText: 'This session' });
    await other.getByRole('button', { name: /^Sign out/ }).click();
    await expect.poll(() => laptop.page.getByRole('table', { name: 'Sessions' }).locator('tbody tr').count()).toBe(1);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(true);
    expect([...laptop.pageErrors, ...phone.pageErrors]).toEqual([]);
  });

  it('changes the password: wrong current password and mismatched confirmation are refused, then other sessions end', { timeout: 120_000 }, async () => {
    await signIn(phone.page, server.url, owner.email, TEST_PASSWORD);
    const { page } = laptop;
    await page.goto(securityUrl());
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('Confirm new password').fill('a brand new passphrase!');
    await form.getByRole('alert').filter({ hasText: 'The two new passwords differ.' }).waitFor();
    expect(await form.getByRole('button', { name: 'Change password' }).isDisabled()).toBe(true);
    await form.getByLabel('Confirm new password').fill('a brand new passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('The current password is wrong').waitFor();
    expect(await isSignedIn(phone)).toBe(true);

    await page.goto(securityUrl());
    await form.getByLabel('Current password').fill(TEST_PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await form.getByLabel('Confirm new password').fill('a brand new passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').filter({ hasText: 'Password changed. 1 other session was signed out.' }).waitFor();
    expect(await page.getByRole('table', { name: 'Sessions' }).locator('tbody tr').count()).toBe(1);
    expect(await isSignedIn(phone)).toBe(false);

    await phone.page.getByLabel('Email').fill(owner.email);
    await phone.page.getByLabel('Password').fill(TEST_PASSWORD);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByText('Wrong email or password').waitFor();
    await signIn(phone.page, server.url, owner.email, 'a brand new passphrase');
    expect(await isSignedIn(phone)).toBe(true);
    expect([...laptop.pageErrors, ...phone.pageErrors]).toEqual([]);
  });
});
