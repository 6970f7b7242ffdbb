import { describe, expect, it } from 'vitest';
import { parkReason } from './ingest-queue.js';
import { isTransientDatabaseError } from './transient-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['connection failure', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['serialization failure', pgError('40001')],
    ['deadlock', pgError('40P01')],
    ['refused connection', pgError('ECONNREFUSED')],
    ['refused on every address', Object.assign(new AggregateError([pgError('ECONNREFUSED')]), {})],
    ['dropped socket', new Error('Connection terminated unexpectedly')],
    ["TypeORM's wrapper", Object.assign(new Error('query failed'), { driverError: pgError('57P01') })],
  ])('%s is transient', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a value PostgreSQL refuses', pgError('22P02')],
    ['a unique violation', pgError('23505')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
  ])('%s is not', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});

describe('parkReason', () => {
  it('keeps the message only, on one line, short, without credentials', () => {
    const error = new Error(`connect to postgres://vigil:s3cret@db:5432/vigil failed\n  detail ${'x'.repeat(1000)}`);
    const reason = parkReason(error);
    expect(reason).not.toContain('s3cret');
    expect(reason).not.toContain('\n');
    expect(reason).not.toMatch(/\bat .*:\d+/);
    expect(reason.length).toBeLessThanOrEqual(500);
    expect(reason.startsWith('connect to postgres://[Filtered]@db:5432/vigil failed')).toBe(true);
  });
});
