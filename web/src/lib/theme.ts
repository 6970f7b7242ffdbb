export type Theme = 'system' | 'light' | 'dark';

const KEY = 'vigil.theme';

export function storedTheme(): Theme {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** `system` follows prefers-color-scheme; the others pin the theme with `data-theme`. */
export function setTheme(theme: Theme): void {
  if (theme === 'system') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, theme);
    document.documentElement.dataset.theme = theme;
  }
}

export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme !== 'system') document.documentElement.dataset.theme = theme;
}
