import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { applySuggestion, checkQuery, suggest, type Suggestion, type SuggestionValues } from '../lib/search-language';

export interface SearchError {
  message: string;
  /** 0-based offset of the offending character, when known. */
  position?: number;
}

/**
 * The issue search bar. It speaks the search language: keys while you type a word, values after
 * `key:` (from `values`), and parse errors with the offending spot marked, either found here as
 * you type or reported by the server (`serverError`). Enter submits; arrows pick a suggestion.
 */
export function SearchBar({
  query,
  onSubmit,
  values,
  serverError,
  inputRef,
  onFocus,
  onRejected,
  label = 'Search issues',
  placeholder = 'Search: is:unresolved assigned:me TypeError',
}: {
  /** The input's accessible name and hint (the events of an issue are searched with the same language). */
  label?: string;
  placeholder?: string;
  query: string;
  /** Enter on a query with a mistake: it was not sent, so what the page shows is for the previous one. */
  onRejected?: () => void;
  onFocus?: () => void;
  onSubmit: (query: string) => void;
  values?: SuggestionValues;
  serverError?: SearchError | null;
  inputRef?: React.RefObject<HTMLInputElement | null>;
}) {
  const [text, setText] = useState(query);
  const [caret, setCaret] = useState(query.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const localRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? localRef;
  const listId = useId();

  // The URL is the source of truth: follow it when it changes (Back, links).
  useEffect(() => setText(query), [query]);

  const suggestions = useMemo(() => (open ? suggest(text, caret, values) : []), [open, text, caret, values]);
  const localError = useMemo(() => checkQuery(text), [text]);
  // A term still being typed ("is:", "tags[", an open quote or list) is only an error once you try to search.
  const [attempted, setAttempted] = useState(false);
  const unfinished = !!localError && /^(Expected a value|Expected a tag name|Expected ":"|Unterminated)/.test(localError.reason);
  const shownLocal = localError && (attempted || !unfinished) ? localError : null;
  const error: SearchError | null = shownLocal
    ? { message: shownLocal.message, position: shownLocal.position }
    : text === query && serverError
      ? serverError
      : null;

  useEffect(() => setActive(-1), [text, caret]);

  const choose = (suggestion: Suggestion) => {
    const next = applySuggestion(text, suggestion);
    setText(next.query);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : count - 1) : (i + step + count) % count));
    } else if (event.key === 'Tab' && count > 0 && !event.shiftKey) {
      event.preventDefault();
      choose(suggestions[Math.max(0, active)]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter takes a suggestion only once one was picked with the arrows; otherwise it searches.
      const picked = active >= 0 ? suggestions[active] : undefined;
      if (picked) {
        choose(picked);
        return;
      }
      setOpen(false);
      setAttempted(true);
      if (!localError) onSubmit(text.trim());
      else onRejected?.();
    } else if (event.key === 'Escape') {
      if (open && count > 0) setOpen(false);
      else ref.current?.blur();
    }
  };

  const track = (input: HTMLInputElement) => setCaret(input.selectionStart ?? input.value.length);

  return (
    <div className={`search${error ? ' invalid' : ''}`}>
      <span className="search-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={ref}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-invalid={!!error}
        aria-activedescendant={active >= 0 && suggestions.length > 0 ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setAttempted(false);
          track(e.target);
          setOpen(true);
        }}
        onFocus={() => {
          setOpen(true);
          onFocus?.();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onClick={(e) => track(e.currentTarget)}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') track(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <div className="menu" role="listbox" id={listId}>
          {suggestions.map((suggestion, i) => (
            <div
              key={`${suggestion.kind}-${suggestion.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(suggestion);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="suggestion-label">{suggestion.label}</span>
              {suggestion.description && <span className="suggestion-description">{suggestion.description}</span>}
            </div>
          ))}
        </div>
      )}
      {error && <SearchErrorText text={text} error={error} />}
    </div>
  );
}

function SearchErrorText({ text, error }: { text: string; error: SearchError }) {
  const at = error.position;
  const snippet = at != null && at <= text.length ? (
    <>
      {' '}
      near <mark>{text.slice(Math.max(0, at - 8), at)}<u>{text.charAt(at) || '␣'}</u>{text.slice(at + 1, at + 8)}</mark>
    </>
  ) : null;
  return (
    <div className="search-error" role="alert">
      {error.message}
      {snippet}
    </div>
  );
}
