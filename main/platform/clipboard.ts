import { clipboard, ClipboardItem } from 'electron';
import { concealedRepresentations } from '../clipboard/concealment.ts';
import type { ClipboardPort } from '../clipboard/port.ts';

/**
 * Electron's clipboard behind the port. `clipboard.write` takes one ClipboardItem whose
 * representations are committed in a single clipboard transaction (Electron 44+), so the text
 * and the exclusion markers arrive together: a clipboard manager never sees the text without
 * them. Raw platform formats go in as `electron application/osclipboard;format="<name>"`.
 */
export const electronClipboard: ClipboardPort = {
  async writeSecret(text) {
    const representations = concealedRepresentations(process.platform, text);
    const payloads: Record<string, string | Blob> = {};
    for (const [type, value] of Object.entries(representations)) {
      // Strings are written as UTF-8; binary markers (Windows DWORDs) as their exact bytes.
      payloads[type] = typeof value === 'string' ? value : new Blob([value]);
    }
    await clipboard.write([new ClipboardItem(payloads)]);
  },
  async writeText(text) {
    await clipboard.writeText(text);
  },
  readText: () => clipboard.readText(),
  async clear() {
    clipboard.clear();
  },
};
