import { describe, expect, it } from 'vitest';
import { frameLocation, groupFrames } from './frames';

const app = (fn: string) => ({ inApp: true, function: fn, filename: `${fn}.js` });
const sys = (fn: string) => ({ inApp: false, function: fn, filename: 'node:internal' });

describe('groupFrames', () => {
  it('puts the newest frame first and folds runs of system frames', () => {
    // SDK order: oldest first, the crashing frame last.
    const groups = groupFrames([sys('a'), sys('b'), app('main'), sys('c'), app('crash')]);
    expect(groups.map((g) => (g.kind === 'app' ? g.frame.function : g.frames.map((f) => f.frame.function).join('+')))).toEqual(['crash', 'c', 'main', 'b+a']);
    expect(groups.map((g) => g.kind)).toEqual(['app', 'system', 'app', 'system']);
  });

  it('can keep the SDK order', () => {
    const groups = groupFrames([app('first'), app('last')], { newestFirst: false });
    expect(groups.map((g) => g.kind === 'app' && g.frame.function)).toEqual(['first', 'last']);
  });

  it('shows every frame when none is in-app', () => {
    expect(groupFrames([sys('a'), sys('b')]).every((g) => g.kind === 'app')).toBe(true);
  });
});

describe('frameLocation', () => {
  it('prefers the filename and joins line and column', () => {
    expect(frameLocation({ inApp: true, filename: 'cart.js', absPath: '/srv/cart.js', function: 'add', lineno: 42, colno: 7 })).toEqual({ file: 'cart.js', fn: 'add', line: '42:7' });
    expect(frameLocation({ inApp: false, module: 'net' })).toEqual({ file: 'net', fn: null, line: null });
  });
});
