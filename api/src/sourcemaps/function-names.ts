/**
 * The enclosing function of an original source line, by reading backwards for the nearest
 * declaration (`function name`, `name = function`, `name = (…) =>`, `name(…) {` methods). Used
 * only when the map has no name at the caller's call site (the outermost frame, for one).
 */
const PATTERNS = [
  /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/,
  /\b([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?function\b/,
  /\b([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/,
  /^\s*(?:async\s+|static\s+|get\s+|set\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{/,
];
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'with']);

export function enclosingFunctionName(lines: string[], line: number): string | null {
  for (let index = Math.min(line, lines.length) - 1; index >= 0 && index >= line - 200; index--) {
    const text = lines[index] ?? '';
    for (const pattern of PATTERNS) {
      const name = pattern.exec(text)?.[1];
      if (name && !KEYWORDS.has(name)) return name;
    }
  }
  return null;
}
