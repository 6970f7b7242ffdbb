import { createRequire } from 'node:module';
import type { ParserPlugin } from '@babel/parser';

// Loaded on the first source that needs parsing (half a MB of parser in every thread otherwise).
const require = createRequire(import.meta.url);
let babel: typeof import('@babel/parser') | undefined;

/**
 * The functions of an original source as ranges (offsets) with the name they go by, sorted by
 * start; `parent` is the index of the enclosing range (-1 at the top). Used only when the map has
 * no name at the caller's call site (the outermost frame, for one), so a source is parsed at most
 * once, on first need, and kept with the source.
 */
export interface FunctionScopes {
  starts: Int32Array;
  ends: Int32Array;
  parents: Int32Array;
  names: (string | null)[];
}

interface Node {
  type: string;
  start?: number | null;
  end?: number | null;
  [key: string]: unknown;
}

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'TSDeclareMethod',
]);

/** Parses the source (TypeScript and JSX by its extension) and lists its functions; null when it cannot be read. */
export function functionScopes(text: string, filename: string): FunctionScopes | null {
  let program: Node;
  // Outside the try: a parser that fails to load is an error, not an unreadable source.
  babel ??= require('@babel/parser') as typeof import('@babel/parser');
  try {
    program = babel.parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
      plugins: pluginsFor(filename),
    }).program as unknown as Node;
  } catch {
    return null;
  }
  const found: { start: number; end: number; parent: number; name: string | null }[] = [];
  // Iterative walk (deep sources would overflow the stack); `owner` is the enclosing function's index.
  const stack: { node: Node; parent: Node | null; owner: number }[] = [{ node: program, parent: null, owner: -1 }];
  while (stack.length > 0) {
    const { node, parent, owner } = stack.pop()!;
    let inner = owner;
    if (FUNCTION_TYPES.has(node.type) && typeof node.start === 'number' && typeof node.end === 'number') {
      found.push({ start: node.start, end: node.end, parent: owner, name: functionName(node, parent) });
      inner = found.length - 1;
    }
    for (const key in node) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push({ node: value[i] as Node, parent: node, owner: inner });
      } else if (isNode(value)) stack.push({ node: value, parent: node, owner: inner });
    }
  }
  // Pre-order from a stack is already by start, except siblings pushed in reverse: sort to be sure.
  const order = found.map((_, i) => i).sort((a, b) => found[a]!.start - found[b]!.start || found[b]!.end - found[a]!.end);
  const position = new Int32Array(found.length);
  order.forEach((old, index) => (position[old] = index));
  const scopes: FunctionScopes = { starts: new Int32Array(found.length), ends: new Int32Array(found.length), parents: new Int32Array(found.length), names: new Array(found.length) };
  order.forEach((old, index) => {
    const scope = found[old]!;
    scopes.starts[index] = scope.start;
    scopes.ends[index] = scope.end;
    scopes.parents[index] = scope.parent < 0 ? -1 : position[scope.parent]!;
    scopes.names[index] = scope.name;
  });
  return scopes;
}

/** The name of the innermost named function around `offset`, walking out of anonymous callbacks. */
export function enclosingFunctionName(scopes: FunctionScopes, offset: number): string | null {
  // The last function starting at or before the offset, then out through its parents until one contains it.
  let low = 0;
  let high = scopes.starts.length - 1;
  let index = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (scopes.starts[middle]! <= offset) {
      index = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  while (index >= 0 && scopes.ends[index]! < offset) index = scopes.parents[index]!;
  while (index >= 0) {
    const name = scopes.names[index];
    if (name) return name;
    index = scopes.parents[index]!;
  }
  return null;
}

function pluginsFor(filename: string): ParserPlugin[] {
  const path = filename.split(/[?#]/, 1)[0] ?? filename;
  if (/\.tsx$/i.test(path)) return ['typescript', 'jsx', 'decorators-legacy'];
  if (/\.[cm]?ts$/i.test(path)) return ['typescript', 'decorators-legacy'];
  return ['jsx', 'flow', 'decorators-legacy'];
}

/** What a function is called: its own name, else what it is assigned to (`x = () => …`, `{ x() {} }`, `x: function () {}`). */
function functionName(node: Node, parent: Node | null): string | null {
  const own = identifierName(node.id);
  if (own) return own;
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod' || node.type === 'TSDeclareMethod') {
    return node.kind === 'constructor' ? 'constructor' : keyName(node.key);
  }
  if (!parent) return null;
  switch (parent.type) {
    case 'VariableDeclarator':
      return identifierName(parent.id);
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return parent.right === node ? (identifierName(parent.left) ?? (isNode(parent.left) && parent.left.type === 'MemberExpression' ? keyName(parent.left.property) : null)) : null;
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
      return parent.value === node ? keyName(parent.key) : null;
    default:
      return null;
  }
}

function identifierName(node: unknown): string | null {
  return isNode(node) && node.type === 'Identifier' && typeof node.name === 'string' ? node.name : null;
}

function keyName(key: unknown): string | null {
  if (!isNode(key)) return null;
  if (key.type === 'Identifier' && typeof key.name === 'string') return key.name;
  if (key.type === 'StringLiteral' && typeof key.value === 'string') return key.value;
  if (key.type === 'PrivateName') return identifierName(key.id) && `#${identifierName(key.id)}`;
  return null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}
