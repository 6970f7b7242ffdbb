import type { ProcessingIssueRow } from './held-events.js';

/**
 * What the stream's warning shows (Sentry's `processingissues/fix` script, without a token in it):
 * the sentry-cli commands that upload the missing debug files, one line per missing image.
 */
export function uploadInstructions(publicUrl: string, org: string, project: string, issues: ProcessingIssueRow[]): string {
  if (issues.length === 0) return '';
  const lines = [
    '# Upload the missing debug files (dSYMs, ELF debug files, Breakpad .sym); held events are then processed automatically.',
    `export SENTRY_URL=${publicUrl} SENTRY_ORG=${org} SENTRY_PROJECT=${project} SENTRY_AUTH_TOKEN=<a token with project:releases>`,
    ...issues.map((i) => `# ${i.imagePath} (${i.arch ?? 'unknown arch'}, debug id ${i.debugId}${i.message ? `: ${i.message}` : ''})`),
    'sentry-cli debug-files upload <path to the build folder or dSYMs>',
  ];
  return lines.join('\n');
}
