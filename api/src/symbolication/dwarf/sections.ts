/** The DWARF sections a reader needs, by their ELF name without `.debug_` (Mach-O: `__debug_…`). */
export type DwarfSectionName = 'info' | 'abbrev' | 'line' | 'str' | 'line_str' | 'str_offsets' | 'rnglists' | 'ranges' | 'addr';

export type DwarfSections = Partial<Record<DwarfSectionName, Uint8Array>>;

export const DWARF_SECTION_NAMES: readonly DwarfSectionName[] = ['info', 'abbrev', 'line', 'str', 'line_str', 'str_offsets', 'rnglists', 'ranges', 'addr'];
