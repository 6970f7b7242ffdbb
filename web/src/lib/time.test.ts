import { describe, expect, it } from 'vitest';
import { compactNumber, formatBytes, formatWindow, relativeTime } from './time';

describe('time and numbers', () => {
  const now = Date.parse('2026-11-15T12:00:00Z');
  it.each([
    ['2026-11-15T11:59:30Z', 'just now'],
    ['2026-11-15T11:55:00Z', '5min ago'],
    ['2026-11-15T09:00:00Z', '3h ago'],
    ['2026-11-12T12:00:00Z', '3d ago'],
    ['2026-09-01T12:00:00Z', '2mo ago'],
    ['2026-11-15T12:10:00Z', 'in 10min'],
    ['garbage', '—'],
  ])('relativeTime(%s) = %s', (iso, expected) => expect(relativeTime(iso, now)).toBe(expected));

  it.each([
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [45_600, '46k'],
    [1_250_000, '1.3M'],
  ])('compactNumber(%d) = %s', (n, expected) => expect(compactNumber(n)).toBe(expected));

  it('formats windows and sizes', () => {
    expect(formatWindow(60)).toBe('1 minute');
    expect(formatWindow(7200)).toBe('2 hours');
    expect(formatWindow(90)).toBe('90 seconds');
    expect(formatBytes(2048)).toBe('2.0 KiB');
  });
});
