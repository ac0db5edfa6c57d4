import { describe, expect, it } from 'vitest';
import { concealedRepresentations, exclusionMarkers, rawFormat } from '../../main/clipboard/concealment.ts';

const dwordZero = new Uint8Array([0, 0, 0, 0]);

describe('clipboard exclusion markers', () => {
  it('Windows: the three history/cloud formats as DWORD 0, plus the legacy viewer-ignore format', () => {
    expect(exclusionMarkers('win32')).toEqual({
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"': dwordZero,
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"': dwordZero,
      'electron application/osclipboard;format="CanUploadToCloudClipboard"': dwordZero,
      'electron application/osclipboard;format="Clipboard Viewer Ignore"': dwordZero,
    });
  });

  it('macOS: the nspasteboard.org concealed and transient types', () => {
    expect(exclusionMarkers('darwin')).toEqual({
      [rawFormat('org.nspasteboard.ConcealedType')]: '',
      [rawFormat('org.nspasteboard.TransientType')]: '',
    });
  });

  it('Linux and the BSDs: the KDE password-manager hint', () => {
    for (const platform of ['linux', 'freebsd', 'openbsd'] as const) {
      expect(exclusionMarkers(platform)).toEqual({ [rawFormat('x-kde-passwordManagerHint')]: 'secret' });
    }
  });

  it('the text travels with the markers, and only the text carries the secret', () => {
    const secret = 'FAKE-0000-example-secret';
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const representations = concealedRepresentations(platform, secret);
      expect(representations['text/plain']).toBe(secret);
      const others = Object.entries(representations).filter(([type]) => type !== 'text/plain');
      expect(others.length).toBeGreaterThan(0);
      for (const [, value] of others) expect(String(value)).not.toContain(secret);
    }
  });
});
