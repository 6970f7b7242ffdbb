import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { decodeKeysetCursor } from './connection.js';

const cursor = (sort: string, id = '1') => Buffer.from(JSON.stringify([sort, id])).toString('base64url');

describe('decodeKeysetCursor', () => {
  it('accepts cursors of stored values', () => {
    expect(decodeKeysetCursor(cursor('2024-02-29T23:59:59.123456Z'), 'timestamptz')).toEqual(['2024-02-29T23:59:59.123456Z', '1']);
    expect(decodeKeysetCursor(cursor('2147483647'), 'integer')).toEqual(['2147483647', '1']);
    expect(decodeKeysetCursor(cursor('web'), 'text')).toEqual(['web', '1']);
  });

  it.each([
    ['timestamptz', '2024-02-30T00:00:00.000000Z'],
    ['timestamptz', '2024-13-01T00:00:00.000000Z'],
    ['timestamptz', '2024-01-01T24:00:00.000000Z'],
    ['timestamptz', '0000-01-01T00:00:00.000000Z'],
    ['integer', '2147483648'],
    ['integer', '-999999999999999999'],
  ] as const)('rejects a %s sort value PostgreSQL would fail on (%s) as BAD_USER_INPUT', (sortType, value) => {
    expect(() => decodeKeysetCursor(cursor(value), sortType)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
