import { describe, expect, it } from 'vitest';
import { MAX_COMMITS_SHOWN, renderDeployEmail, type DeployEmailView } from './deploy-email.js';

const view: DeployEmailView = {
  publicUrl: 'https://vigil.example',
  organizationSlug: 'acme',
  version: 'web@1.2.3+build.7',
  environment: 'production',
  projectSlugs: ['web', 'api'],
  dateFinished: new Date('2026-03-04T05:06:07.890Z'),
  commits: [
    {
      key: '4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      message: 'Guard against an empty cart\n\nFixes WEB-12',
      authorName: 'Jane Doe',
      authorEmail: 'jane@example.com',
    },
    { key: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', message: 'Bump deps', authorName: null, authorEmail: 'bot@example.com' },
  ],
  filesChanged: 3,
  newIssues: 1,
  resolvedIssues: 2,
  recipientName: 'Jane Doe',
};

describe('renderDeployEmail', () => {
  it('names the release, the environment and the projects in the subject', () => {
    expect(renderDeployEmail(view).subject).toBe('Deployed web@1.2.3+build.7 to production (web, api)');
  });

  it('writes the plain-text part', () => {
    expect(renderDeployEmail(view).text).toBe(
      [
        'Hi Jane Doe,',
        '',
        'Release web@1.2.3+build.7 was deployed to production on 2026-03-04 05:06:07 UTC (projects: web, api).',
        'It includes your commits. 2 commits, 3 files changed, 1 new issue, 2 resolved issues.',
        '',
        'Commits:',
        '  4f2a9c1  Guard against an empty cart (Jane Doe)',
        '  a1b2c3d  Bump deps (bot@example.com)',
        '',
        'View the release: https://vigil.example/organizations/acme/releases/web%401.2.3%2Bbuild.7/',
        '',
        'You receive this because a deploy shipped your commits. Turn deploy emails off in your notification settings: https://vigil.example/settings/account/notifications/',
        '',
      ].join('\n'),
    );
  });

  it('writes the HTML part with the same content', () => {
    const { html } = renderDeployEmail(view);
    expect(html).toContain('<title>Deployed web@1.2.3+build.7 to production (web, api)</title>');
    expect(html).toContain('Release <strong>web@1.2.3+build.7</strong> was deployed to <strong>production</strong>');
    expect(html).toContain('<td style="font-family:monospace;padding:2px 8px 2px 0">4f2a9c1</td>');
    expect(html).toContain('<td style="padding:2px 8px 2px 0">Guard against an empty cart</td><td style="color:#666">Jane Doe</td>');
    expect(html).toContain('2 commits, 3 files changed, 1 new issue, 2 resolved issues.');
    expect(html).toContain('<a href="https://vigil.example/organizations/acme/releases/web%401.2.3%2Bbuild.7/">View the release</a>');
    expect(html).not.toContain('Fixes WEB-12');
  });

  it('escapes everything that comes from commits, releases and people', () => {
    const rendered = renderDeployEmail({
      ...view,
      version: '<b>v1</b>',
      environment: 'prod"&',
      projectSlugs: ["o'neil"],
      recipientName: '<script>alert(1)</script>',
      commits: [{ key: '0123456789', message: '<img src=x onerror=alert(1)>', authorName: 'Eve & <Mallory>', authorEmail: null }],
    });
    expect(rendered.html).not.toMatch(/<script|<img|<b>v1/);
    expect(rendered.html).toContain('&lt;b&gt;v1&lt;/b&gt;');
    expect(rendered.html).toContain('prod&quot;&amp;');
    expect(rendered.html).toContain('o&#39;neil');
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(rendered.html).toContain('Eve &amp; &lt;Mallory&gt;');
    expect(rendered.html).toContain('/releases/%3Cb%3Ev1%3C%2Fb%3E/');
  });

  it('keeps the subject on one line', () => {
    expect(renderDeployEmail({ ...view, environment: 'prod\r\nBcc: victim@example.com' }).subject).toBe(
      'Deployed web@1.2.3+build.7 to prod Bcc: victim@example.com (web, api)',
    );
  });

  it('cuts a long commit list and says how many more there are', () => {
    const commits = Array.from({ length: MAX_COMMITS_SHOWN + 3 }, (_, i) => ({
      key: i.toString(16).padStart(40, '0'),
      message: `Commit ${i}`,
      authorName: 'Jane Doe',
      authorEmail: null,
    }));
    const { text, html } = renderDeployEmail({ ...view, commits });
    expect(text.match(/^ {2}[0-9a-f]{7} {2}Commit/gm)).toHaveLength(MAX_COMMITS_SHOWN);
    expect(text).toContain('  … and 3 more commits');
    expect(text).toContain(`${MAX_COMMITS_SHOWN + 3} commits, 3 files changed`);
    expect(html).toContain('… and 3 more commits');
  });

  it('handles a release without projects, commits or a recipient name', () => {
    const { subject, text } = renderDeployEmail({ ...view, projectSlugs: [], commits: [], recipientName: '', filesChanged: 0 });
    expect(subject).toBe('Deployed web@1.2.3+build.7 to production');
    expect(text).toMatch(/^Hi,\n/);
    expect(text).toContain('0 commits, 0 files changed, 1 new issue, 2 resolved issues.');
  });
});
