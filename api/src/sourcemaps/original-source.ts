import type { StackFrame } from '../events/event.types.js';
import { enclosingFunctionName, functionScopes, type FunctionScopes } from './function-names.js';

const CONTEXT_LINES = 5;
/** Lines longer than this (minified code) are not shown as context. */
const MAX_CONTEXT_LINE = 300;
/** Context of this many lines per source is kept; past it, context is cut again per frame. */
const MAX_CACHED_CONTEXTS = 2_000;

export type FrameContext = Required<Pick<StackFrame, 'contextLine' | 'preContext' | 'postContext'>>;

/**
 * One original source (from `sourcesContent` or uploaded on its own), split into lines on first
 * use and kept with its parsed map: context and function scopes are worked out once per source
 * (and line), not once per frame.
 */
export class OriginalSource {
  private lineList: string[] | null = null;
  private lineStarts: Int32Array | null = null;
  private scopes: FunctionScopes | null | undefined;
  private readonly contexts = new Map<number, FrameContext>();

  constructor(
    private readonly text: string,
    private readonly filename: string,
  ) {}

  get bytes(): number {
    return this.text.length;
  }

  /** `pre_context`, `context_line` and `post_context` around the 1-based line; shared by every frame there, so frozen. */
  context(line: number): Readonly<FrameContext> {
    let context = this.contexts.get(line);
    if (!context) {
      const lines = this.lines();
      const index = line - 1;
      context = Object.freeze({
        contextLine: cut(lines[index] ?? ''),
        preContext: Object.freeze(lines.slice(Math.max(0, index - CONTEXT_LINES), Math.max(0, index)).map(cut)) as string[],
        postContext: Object.freeze(lines.slice(index + 1, index + 1 + CONTEXT_LINES).map(cut)) as string[],
      });
      if (this.contexts.size < MAX_CACHED_CONTEXTS) this.contexts.set(line, context);
    }
    return context;
  }

  /** The enclosing function's name at the 1-based line and 0-based column, from the parsed source. */
  functionNameAt(line: number, column: number): string | null {
    if (this.scopes === undefined) this.scopes = functionScopes(this.text, this.filename);
    if (!this.scopes) return null;
    const starts = this.starts();
    const offset = (starts[Math.min(Math.max(0, line - 1), starts.length - 1)] ?? 0) + column;
    return enclosingFunctionName(this.scopes, offset);
  }

  private lines(): string[] {
    this.lineList ??= this.text.split(/\r?\n/);
    return this.lineList;
  }

  /** Offset of each line's first character in the text (any line ending). */
  private starts(): Int32Array {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = Int32Array.from(starts);
    }
    return this.lineStarts;
  }
}

function cut(text: string): string {
  return text.length > MAX_CONTEXT_LINE ? `${text.slice(0, MAX_CONTEXT_LINE)} {snip}` : text;
}
