import { useEffect, useRef } from 'react';

export interface StreamKeyboardActions {
  count: number;
  cursor: number;
  setCursor: (index: number) => void;
  open: (index: number) => void;
  toggleSelect: (index: number) => void;
  resolve: () => void;
  assign: () => void;
  ignore: () => void;
  focusSearch: () => void;
}

/** Inputs that take no typing: after clicking one, the shortcuts keep working. */
const CLICK_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset'];

/** Typing in a field, or with a modifier held, is never a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && CLICK_INPUTS.includes(target.type)) return false;
  // Keys in an open menu or suggestion list belong to it.
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('[role="menu"], [role="listbox"]');
}

/**
 * The stream's shortcuts: j/k move, x selects, Enter/o opens, r resolves, i ignores, a assigns
 * (the selection, or the issue under the cursor), / searches.
 */
export function useStreamKeyboard(actions: StreamKeyboardActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      const a = latest.current;
      const current = a.cursor;
      switch (event.key) {
        case 'j':
          if (a.count > 0) a.setCursor(Math.min(a.count - 1, current + 1));
          break;
        case 'k':
          if (a.count > 0) a.setCursor(Math.max(0, current - 1));
          break;
        case 'x':
          if (current >= 0 && current < a.count) a.toggleSelect(current);
          break;
        case 'Enter':
          // Enter on a focused button or link belongs to it.
          if (event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName)) return;
          if (current >= 0 && current < a.count) a.open(current);
          else return;
          break;
        case 'o':
          if (current >= 0 && current < a.count) a.open(current);
          else return;
          break;
        case 'r':
          a.resolve();
          break;
        case 'i':
          a.ignore();
          break;
        case 'a':
          a.assign();
          break;
        case '/':
          a.focusSearch();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
