/**
 * The clipboard representations of one copied secret: the text, plus the markers that ask
 * clipboard history and clipboard managers to leave it alone. Pure data per platform, so it is
 * tested without Electron; main/platform/clipboard.ts hands it to Electron's `clipboard.write`,
 * which commits every representation of one item in a single clipboard transaction.
 *
 * Keys are MIME types in Electron's clipboard vocabulary: `text/plain`, and
 * `electron application/osclipboard;format="<name>"` for a raw platform format named <name>
 * (a registered clipboard format on Windows, a pasteboard type on macOS, a target/MIME type on
 * X11 and Wayland).
 */
export type Representations = Record<string, string | Uint8Array>;

export const TEXT_TYPE = 'text/plain';

export function rawFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/** A little-endian DWORD 0: "no" for Windows' CanIncludeInClipboardHistory / CanUploadToCloudClipboard. */
const DWORD_ZERO = new Uint8Array(4);

/** The exclusion markers written next to the text, per platform. Values carry no secret. */
export function exclusionMarkers(platform: NodeJS.Platform): Representations {
  switch (platform) {
    case 'win32':
      return {
        // Microsoft: any data in this format keeps every format of the item out of history and cloud sync.
        [rawFormat('ExcludeClipboardContentFromMonitorProcessing')]: DWORD_ZERO,
        [rawFormat('CanIncludeInClipboardHistory')]: DWORD_ZERO,
        [rawFormat('CanUploadToCloudClipboard')]: DWORD_ZERO,
        // The older convention that Ditto and ClipMate honour.
        [rawFormat('Clipboard Viewer Ignore')]: DWORD_ZERO,
      };
    case 'darwin':
      // nspasteboard.org: the presence of the type is the signal; the value is not read.
      return {
        [rawFormat('org.nspasteboard.ConcealedType')]: '',
        [rawFormat('org.nspasteboard.TransientType')]: '',
      };
    default:
      // KDE's Klipper and clipboard managers following it (and KeePassXC's convention) skip these.
      return { [rawFormat('x-kde-passwordManagerHint')]: 'secret' };
  }
}

export function concealedRepresentations(platform: NodeJS.Platform, text: string): Representations {
  return { [TEXT_TYPE]: text, ...exclusionMarkers(platform) };
}
