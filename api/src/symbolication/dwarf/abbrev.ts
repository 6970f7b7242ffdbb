import { ByteReader } from '../byte-reader.js';

export interface AttributeSpec {
  name: number;
  form: number;
  implicitConst: number;
}

export interface Abbreviation {
  tag: number;
  hasChildren: boolean;
  attributes: AttributeSpec[];
}

const DW_FORM_implicit_const = 0x21;

/** One abbreviation table of .debug_abbrev (codes are usually dense, so an array indexed by code). */
export function readAbbreviations(section: Uint8Array, offset: number, le: boolean): Abbreviation[] {
  const reader = new ByteReader(section, le, offset);
  const table: Abbreviation[] = [];
  for (;;) {
    const code = reader.uleb();
    if (code === 0) return table;
    const tag = reader.uleb();
    const hasChildren = reader.u8() !== 0;
    const attributes: AttributeSpec[] = [];
    for (;;) {
      const name = reader.uleb();
      const form = reader.uleb();
      if (name === 0 && form === 0) break;
      attributes.push({ name, form, implicitConst: form === DW_FORM_implicit_const ? reader.sleb() : 0 });
    }
    table[code] = { tag, hasChildren, attributes };
  }
}
