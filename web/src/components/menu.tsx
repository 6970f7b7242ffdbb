import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a popover menu; closes on a choice, Escape or a click outside.
 * `open`/`onOpenChange` make it controllable (keyboard shortcuts open menus too).
 */
export function Menu({
  label,
  children,
  align = 'left',
  buttonClassName,
  open: controlledOpen,
  onOpenChange,
  disabled,
  title,
}: {
  label: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  buttonClassName?: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  disabled?: boolean;
  title?: string;
}) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const open = controlledOpen ?? uncontrolledOpen;
  const setOpen = (value: boolean) => {
    setUncontrolledOpen(value);
    onOpenChange?.(value);
  };
  const ref = useRef<HTMLDivElement>(null);
  // The listeners below live as long as the menu is open; they always call the latest setOpen.
  const close = useRef(() => setOpen(false));
  close.current = () => setOpen(false);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close.current();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    // Focus the first item, for keyboard users.
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" className={buttonClassName} aria-haspopup="menu" aria-expanded={open} disabled={disabled} title={title} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div className={`menu${align === 'right' ? ' right' : ''}`} role="menu" onKeyDown={(e) => moveFocus(e)}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

/** Arrow keys move between menu items. */
function moveFocus(event: React.KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
  items[next]?.focus();
}

export function MenuItem({ onSelect, children, close }: { onSelect: () => void; children: ReactNode; close: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={() => {
        close();
        onSelect();
      }}
    >
      {children}
    </button>
  );
}
