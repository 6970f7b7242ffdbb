import { describe, expect, it } from 'vitest';
import { OriginalSource } from './original-source.js';

/** The 1-based line and 0-based column of the first `marker` in `text`. */
function at(text: string, marker: string): [number, number] {
  const before = text.slice(0, text.indexOf(marker)).split('\n');
  return [before.length, before.at(-1)!.length];
}

describe('original names from the enclosing function of the original source', () => {
  const js = [
    'export function priceOf(item) {',
    '  return item.price; // A',
    '}',
    'const computeTotal = (items) => items.reduce((sum, item) => sum + priceOf(item) /* B */, 0);',
    'class Cart {',
    '  checkout() {',
    '    return run(function () { return "C"; });',
    '  }',
    '  #secret() { return "D"; }',
    '}',
    'const handlers = { onClick: function () { return "E"; }, submit() { return "F"; } };',
    'exports.load = async () => "G";',
    'top(); // H',
  ].join('\n');
  const source = new OriginalSource(js, 'src/app.js');

  it.each([
    ['// A', 'priceOf'],
    ['/* B */', 'computeTotal'],
    ['"C"', 'checkout'],
    ['"D"', '#secret'],
    ['"E"', 'onClick'],
    ['"F"', 'submit'],
    ['"G"', 'load'],
  ])('at %s: %s', (marker, name) => {
    expect(source.functionNameAt(...at(js, marker))).toBe(name);
  });

  it('has no name at the top level', () => {
    expect(source.functionNameAt(...at(js, '// H'))).toBeNull();
  });

  it('reads TypeScript and JSX sources', () => {
    const tsx = 'interface P { n: number }\nexport const Row = ({ n }: P): JSX.Element => {\n  return <div>{n.toFixed(2)}</div>;\n};\n';
    expect(new OriginalSource(tsx, 'webpack://app/src/Row.tsx').functionNameAt(...at(tsx, 'toFixed'))).toBe('Row');
    const ts = 'export abstract class Store<T> {\n  private items: T[] = [];\n  public add(item: T): void {\n    this.items.push(item);\n  }\n}\n';
    expect(new OriginalSource(ts, 'src/store.ts').functionNameAt(...at(ts, 'push'))).toBe('add');
  });

  it('gives no name, rather than failing, for a source it cannot parse', () => {
    expect(new OriginalSource('function (((', 'broken.js').functionNameAt(1, 3)).toBeNull();
  });
});
