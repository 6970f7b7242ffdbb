import { describe, expect, it } from 'vitest';
import { releaseVersionProblem, shortReleaseVersion } from './release-version.js';

describe('release versions', () => {
  it.each(['1.0.0', 'web@1.2.3+build.7', '2024.01 rc1', 'a'.repeat(200), 'backend@4a1c4920b2431d7a09611e893e2c8abe5b8fc07b', 'Latest-1'])(
    'accepts %s',
    (version) => expect(releaseVersionProblem(version)).toBeNull(),
  );

  it.each(['', 'a/b', 'a\\b', 'line\nbreak', 'tab\there', '.', '..', 'latest', 'LATEST', ' 1.0', '1.0 ', 'a'.repeat(201), 'nul\u0000'])(
    'refuses %j',
    (version) => expect(releaseVersionProblem(version)).not.toBeNull(),
  );

  it.each([
    ['web@1.2.3+build.7', '1.2.3+build.7'],
    ['1.0.0', '1.0.0'],
    ['4a1c4920b2431d7a09611e893e2c8abe5b8fc07b', '4a1c4920b243'],
    ['backend@4a1c4920b2431d7a09611e893e2c8abe5b8fc07b', '4a1c4920b243'],
    ['@scope', '@scope'],
    ['trailing@', 'trailing@'],
  ])('shortens %s to %s', (version, short) => expect(shortReleaseVersion(version)).toBe(short));
});
