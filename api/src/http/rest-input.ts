import { badInput } from '../errors.js';

/** Readers for Sentry-style JSON bodies: a wrong type is a 400 naming the field, absence is undefined. */
export type JsonObject = Record<string, unknown>;

export function jsonObject(value: unknown, what = 'The request body'): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${what} must be a JSON object`);
  return value as JsonObject;
}

export function optionalString(body: JsonObject, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw badInput(`${field} must be a string`, field);
  return value;
}

export function requiredString(body: JsonObject, field: string): string {
  const value = optionalString(body, field);
  if (value == null) throw badInput(`${field} is required`, field);
  return value;
}

export function optionalStringArray(body: JsonObject, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw badInput(`${field} must be a list of strings`, field);
  return value;
}

export function optionalObjectArray(body: JsonObject, field: string): JsonObject[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badInput(`${field} must be a list`, field);
  return value.map((item, i) => jsonObject(item, `${field}[${i}]`));
}
