/**
 * The grammar of the issue search language: reads a query into terms, keeping where each term,
 * key, operator and value is. It knows nothing about what keys mean (parse-search-query.ts does).
 *
 *   query     = ws* [ term { ws+ term } ] ws*
 *   term      = filter | text
 *   filter    = [ "!" ] key ":" [ operator ] value
 *   key       = "tags[" tagName "]" | bareKey          (keys are case-insensitive)
 *   bareKey   = ( letter | "_" ) { letter | digit | "_" | "." | "-" }
 *   tagName   = char-except-"]"-and-ws { char-except-"]"-and-ws }
 *   operator  = ">=" | "<=" | "!=" | ">" | "<" | "="
 *   value     = list | quoted | bare
 *   list      = "[" ws* item { ws* "," ws* item } ws* "]"
 *   item      = quoted | bare-except-","-"["-"]"
 *   quoted    = '"' { char-except-'"'-and-"\" | "\" char } '"'
 *   bare      = non-ws-char-not-'"'-or-"[" { non-ws-char }
 *   text      = quoted | bare                          (a word with no "key:" prefix)
 *
 * A term must end at whitespace or the end of input. Errors carry the 0-based offset in
 * `position`; messages say the 1-based column.
 */
import { SearchQueryError } from './search-query-error.js';
import { NUMERIC_OPERATORS, type NumericOperator } from './search-query.js';

/** A value as written (quotes and escapes removed) and the span it covers in the input. */
export interface SearchValue {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

export interface SearchTerm {
  start: number;
  end: number;
  negated: boolean;
  /** Set for `key:value` filters; free text has none. `name` is the tag name for `tags[name]`. */
  key?: { name: string; start: number; end: number; explicitTag: boolean };
  operator?: { op: NumericOperator; start: number };
  values: SearchValue[];
  isList: boolean;
  /** Where the value part begins (after the colon and operator). */
  valueStart: number;
}

export interface ScanOptions {
  /**
   * Never throw (for suggestions while typing): an unfinished quote or list runs to the end of
   * the input, and a malformed term is read as well as it can be.
   */
  lenient?: boolean;
}

const FILTER_HEAD = /(!?)(?:tags\[([^\]\s]+)\]|([A-Za-z_][A-Za-z0-9_.-]*)):/iy;
const BROKEN_TAGS_HEAD = /!?tags\[([^\]\s]*)(\]?)/iy;
const WHITESPACE = /\s/;

/** Splits a query into terms; throws SearchQueryError at the first mistake unless lenient. */
export function scanSearchQuery(input: string, options: ScanOptions = {}): SearchTerm[] {
  return new QueryScanner(input, options.lenient ?? false).scan();
}

class QueryScanner {
  private pos = 0;

  constructor(
    private readonly input: string,
    private readonly lenient: boolean,
  ) {}

  scan(): SearchTerm[] {
    const terms: SearchTerm[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) return terms;
      const term = this.readFilter() ?? this.readText();
      terms.push(term);
      // Only a closing quote or bracket can be followed by more characters.
      if (!this.atEnd() && !this.isWhitespaceAt(this.pos)) {
        const closer = this.input.charAt(this.pos - 1) === '"' ? 'quote' : ']';
        this.fail(`Expected a space after the closing ${closer}`, this.pos);
        // Lenient: the rest of the word belongs to this term.
        while (!this.atEnd() && !this.isWhitespaceAt(this.pos)) this.pos++;
        term.end = this.pos;
      }
    }
  }

  private fail(reason: string, position: number): void {
    if (!this.lenient) throw new SearchQueryError(reason, position);
  }

  private atEnd(): boolean {
    return this.pos >= this.input.length;
  }

  private isWhitespaceAt(index: number): boolean {
    return WHITESPACE.test(this.input.charAt(index));
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && this.isWhitespaceAt(this.pos)) this.pos++;
  }

  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.input);
  }

  private readText(): SearchTerm {
    const start = this.pos;
    const value = this.readValue(false);
    return { start, end: this.pos, negated: false, values: [value], isList: false, valueStart: start };
  }

  private readFilter(): SearchTerm | undefined {
    const start = this.pos;
    const head = this.match(FILTER_HEAD);
    if (!head) {
      this.rejectBrokenTagsKey();
      return undefined;
    }
    const bang = head[1] ?? '';
    const explicitTag = head[2] !== undefined;
    const key = { name: head[2] ?? head[3] ?? '', start: start + bang.length, end: start + head[0].length - 1, explicitTag };
    this.pos += head[0].length;
    const op = NUMERIC_OPERATORS.find((candidate) => this.input.startsWith(candidate, this.pos));
    const operator = op ? { op, start: this.pos } : undefined;
    this.pos += op?.length ?? 0;
    const valueStart = this.pos;
    let values: SearchValue[] = [];
    const isList = this.input[this.pos] === '[';
    if (this.atEnd() || this.isWhitespaceAt(this.pos)) {
      this.fail(`Expected a value after "${this.input.slice(start, this.pos)}"`, this.pos);
    } else {
      values = isList ? this.readList() : [this.readValue(false)];
      const empty = values.find((value) => value.text === '' && value.quoted);
      if (empty) this.fail('Expected a value inside the quotes', empty.start);
    }
    return { start, end: this.pos, negated: bang === '!', key, ...(operator ? { operator } : {}), values, isList, valueStart };
  }

  /** `tags[` that FILTER_HEAD refused: say what is missing instead of reading it as text (lenient: text). */
  private rejectBrokenTagsKey(): void {
    const broken = this.lenient ? null : this.match(BROKEN_TAGS_HEAD);
    if (!broken) return;
    const [text, name = '', close = ''] = broken;
    const nameEnd = broken.index + text.length - close.length;
    if (name === '') throw new SearchQueryError('Expected a tag name inside tags[]', nameEnd);
    if (close === '') throw new SearchQueryError('Unterminated tags[ key: expected "]"', nameEnd);
    throw new SearchQueryError(`Expected ":" after "${text}"`, nameEnd + 1);
  }

  /** A quoted or bare value; inside a list, commas, brackets and quotes end a bare value. */
  private readValue(inList: boolean): SearchValue {
    if (this.input[this.pos] === '"') return this.readQuoted();
    const start = this.pos;
    const stop = inList ? /[\s,[\]"]/ : WHITESPACE;
    while (!this.atEnd() && !stop.test(this.input.charAt(this.pos))) this.pos++;
    return { text: this.input.slice(start, this.pos), start, end: this.pos, quoted: false };
  }

  private readQuoted(): SearchValue {
    const start = this.pos++;
    let text = '';
    while (!this.atEnd()) {
      const char = this.input.charAt(this.pos++);
      if (char === '"') return { text, start, end: this.pos, quoted: true };
      // A backslash takes the next character literally, so \" and \\ work.
      text += char === '\\' && !this.atEnd() ? this.input.charAt(this.pos++) : char;
    }
    this.fail('Unterminated quote: expected a closing "', start);
    return { text, start, end: this.pos, quoted: true };
  }

  private readList(): SearchValue[] {
    const open = this.pos++;
    const items: SearchValue[] = [];
    const unterminated = () => this.fail('Unterminated list: expected "]"', open);
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) {
        unterminated();
        return items;
      }
      const item = this.readValue(true);
      if (item.text === '' && !item.quoted) this.fail('Expected a value in the list', item.start);
      items.push(item);
      this.skipWhitespace();
      if (this.atEnd()) {
        unterminated();
        return items;
      }
      const char = this.input.charAt(this.pos++);
      if (char === ']') return items;
      if (char !== ',') this.fail('Expected "," or "]" in the list', this.pos - 1);
    }
  }
}
