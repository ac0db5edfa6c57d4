import { createContext, type KeyboardEvent } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { isComposing } from '../../lib/keyboard.ts';
import { useUi } from '../../stores/ui.ts';
import { copyKey } from './actions.ts';

/**
 * What a key row can ask of its view, shared by both layouts (cards and list) and stable across
 * renders, so memoised rows do not re-render when the view does.
 */
export interface RowHandlers {
  reveal: (id: string) => void;
  toggleDetails: (id: string) => void;
  /** The row (or a control in it) took focus: it becomes the list's one Tab stop. */
  focused: (id: string) => void;
}

export const RowHandlersContext = createContext<RowHandlers>({
  reveal: () => undefined,
  toggleDetails: () => undefined,
  focused: () => undefined,
});

/**
 * The keyboard on a focused key row (the row itself; a button inside it keeps its own keys).
 * One Tab stop for the whole list, arrows between rows, and the row's actions on single keys,
 * as in a password manager's item list. Documented in docs/keyboard.md.
 */
export function onKeyRowKeyDown(
  event: KeyboardEvent<HTMLElement>,
  key: KeySummary,
  handlers: RowHandlers,
  expanded: boolean,
): void {
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
  // An input method's Enter (a Korean syllable being confirmed) is not the row's Enter.
  if (isComposing(event)) return;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      moveFocus(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1);
      break;
    case 'Enter':
      void copyKey(key.id);
      break;
    case ' ':
      handlers.reveal(key.id);
      break;
    case 'ArrowRight':
      if (!expanded) handlers.toggleDetails(key.id);
      break;
    case 'ArrowLeft':
      if (expanded) handlers.toggleDetails(key.id);
      break;
    case 'Delete':
      useUi.getState().open({ kind: 'delete', id: key.id });
      break;
    case 'F2':
      useUi.getState().open({ kind: 'edit', id: key.id });
      break;
    default:
      return;
  }
  event.preventDefault();
}

/**
 * The next row in the page's order. The lists are virtualised, but a few rows beyond the screen
 * are always rendered, so the neighbour of a row on screen is in the document.
 */
function moveFocus(row: HTMLElement, by: 1 | -1): void {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-key-row]')];
  rows[rows.indexOf(row) + by]?.focus();
}

/** The row the skip link and a fresh Tab land on: the list's Tab stop. */
export function focusKeyList(): boolean {
  const row =
    document.querySelector<HTMLElement>('[data-key-row][tabindex="0"]') ?? document.querySelector<HTMLElement>('[data-key-row]');
  row?.focus();
  return row !== null;
}
