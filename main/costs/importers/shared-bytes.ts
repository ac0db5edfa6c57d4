import { KeywardError } from '../../../contract/errors.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { costErrors } from '../errors.ts';

/**
 * An export handed over by the window (base64 text) made into bytes the import worker
 * can read without a copy: a Buffer over a SharedArrayBuffer, which a worker receives by
 * reference (a 200 MB export cloned into a worker stalled the main thread for most of a second).
 * The work is done a slice at a time, yielding to the event loop between slices, so the window's
 * other calls are answered meanwhile; base64 is checked slice by slice as it is decoded.
 */

/** Base64 characters per slice: a multiple of 4, so each slice decodes on its own. */
const BASE64_SLICE = 1 << 20;
const BASE64_BODY = /^[A-Za-z0-9+/]*$/;
const BASE64_END = /^[A-Za-z0-9+/]*={0,2}$/;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function sharedFromBase64(text: string): Promise<Buffer> {
  const out = Buffer.from(new SharedArrayBuffer(Math.ceil((text.length * 3) / 4)));
  let written = 0;
  for (let at = 0; at < text.length; at += BASE64_SLICE) {
    const last = at + BASE64_SLICE >= text.length;
    const slice = text.slice(at, at + BASE64_SLICE);
    if (!(last ? BASE64_END : BASE64_BODY).test(slice)) {
      const said = phrase(costErrors.notBase64);
      throw new KeywardError('Invalid', `file.base64: ${phraseText(said)}`, {
        issues: [{ path: 'file.base64', message: phraseText(said) }],
        phrase: said,
      });
    }
    written += out.write(slice, written, 'base64');
    if (!last) await nextTurn();
  }
  return out.subarray(0, written);
}
