import { badInput } from './errors.js';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-case letters, digits, `-` and `_`, 1–50 characters, not only digits (those look like ids). */
export function assertSlug(value: string, field = 'slug'): string {
  if (!SLUG.test(value) || /^\d+$/.test(value)) {
    throw badInput(
      `"${value}" is not a valid ${field}: use 1-50 lower-case letters, digits, "-" or "_", starting with a letter or digit, not only digits`,
      field,
    );
  }
  return value;
}

/** A slug derived from a display name: "My Shop!" → "my-shop". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return /^\d*$/.test(slug) ? `org-${slug || 'new'}` : slug;
}

// NUL cannot be stored in PostgreSQL text; other control characters have no place in names.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function assertName(value: string, field = 'name'): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100) throw badInput(`${field} must be 1-100 characters`, field);
  if (CONTROL.test(name)) throw badInput(`${field} must not contain control characters`, field);
  return name;
}

export function normalizeEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254 || CONTROL.test(email)) throw badInput(`"${value}" is not a valid email address`, field);
  return email;
}

/** An update: every field optional, and null means "leave as is", as GraphQL inputs send it. */
export type Patch<T> = { [K in keyof T]?: T[K] | null };
