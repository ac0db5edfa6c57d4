/**
 * Marks that read the same in every language Keyward speaks (English and Korean both use the
 * middle dot between facts, # before a tag, arrows for a sort order), so they are not messages in
 * the catalog. Words never go here: a word is a message (docs/i18n.md).
 */
export const symbols = {
  /** Between facts on one line: "OpenAI · prod". */
  separator: ' · ',
  /** A value that is not there, in a table cell. */
  none: '—',
  /** Closes a filter chip (after its spoken name, hidden from screen readers). */
  remove: ' ×',
  ascending: ' ↑',
  descending: ' ↓',
} as const;

/** An old key's number in its history: "#2". */
export function numberMark(n: number): string {
  return `#${n}`;
}

/** A tag as it is written on a chip and in a filter: "#billing". */
export function hashtag(name: string): string {
  return `#${name}`;
}
