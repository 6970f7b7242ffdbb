import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { AssigneeOptionsQuery } from '../../graphql/documents/issues';
import { applyOption, handleAtCaret, insertionOf, matchingOptions, type MentionOption, type TypedHandle } from './mention-autocomplete';

interface Props {
  org: string;
  label: string;
  initialText?: string;
  submitLabel: string;
  busy: boolean;
  /** Resolves true when saved (the box then empties). */
  onSubmit: (text: string) => Promise<boolean>;
  onCancel?: () => void;
}

/** A markdown textarea that autocompletes `@member` and `#team` from the organization. */
export function CommentBox({ org, label, initialText = '', submitLabel, busy, onSubmit, onCancel }: Props) {
  const [text, setText] = useState(initialText);
  const [handle, setHandle] = useState<TypedHandle | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const [people] = useQuery({ query: AssigneeOptionsQuery, variables: { org } });

  const options = useMemo<MentionOption[]>(() => {
    const organization = people.data?.organization;
    if (!organization) return [];
    return [
      ...organization.members.nodes.map((m): MentionOption => ({ kind: 'person', id: m.user.id, name: m.user.name, email: m.user.email })),
      ...organization.teams.nodes.map((t): MentionOption => ({ kind: 'team', id: t.id, slug: t.slug, name: t.name })),
    ];
  }, [people.data]);
  const suggestions = handle ? matchingOptions(handle, options) : [];
  const listId = `mention-options-${label.replace(/\W+/g, '-').toLowerCase()}`;

  const track = (value: string, caret: number) => {
    setText(value);
    setHandle(handleAtCaret(value, caret));
    setHighlighted(0);
  };
  const choose = (option: MentionOption) => {
    const caret = area.current?.selectionStart ?? text.length;
    if (!handle) return;
    const next = applyOption(text, caret, handle, option);
    setText(next.text);
    setHandle(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const submit = async () => {
    if (!text.trim() || busy) return;
    if (await onSubmit(text)) setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlighted((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(suggestions[highlighted] ?? suggestions[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setHandle(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      className="comment-box"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="comment-input">
        <textarea
          ref={area}
          aria-label={label}
          placeholder="Add a comment (markdown; @ mentions a member, # a team)"
          rows={3}
          value={text}
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          onChange={(event) => track(event.target.value, event.target.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setHandle(null), 150)}
        />
        {suggestions.length > 0 && (
          <ul className="menu mention-options" role="listbox" id={listId} aria-label="Mention suggestions">
            {suggestions.map((option, index) => (
              <li
                key={`${option.kind}:${option.id}`}
                role="option"
                aria-selected={index === highlighted}
                className={index === highlighted ? 'active' : ''}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                {option.kind === 'person' ? (
                  <>
                    <strong>{option.name || option.email}</strong> <span className="faint">{insertionOf(option)}</span>
                  </>
                ) : (
                  <>
                    <strong>{insertionOf(option)}</strong> <span className="faint">{option.name}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="comment-actions">
        <button type="submit" className="primary" disabled={busy || !text.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
