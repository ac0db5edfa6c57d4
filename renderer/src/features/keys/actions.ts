import { api } from '../../api.ts';
import { getIntl } from '../../i18n/current.ts';
import { useClipboard } from '../../stores/clipboard.ts';
import { useKeys } from '../../stores/keys.ts';
import { errorText } from '../../lib/error-text.ts';

/** Copy by id: main puts the secret on the clipboard; the page only hears when it will be cleared. */
export async function copyKey(id: string): Promise<boolean> {
  try {
    const receipt = await api.clipboard.copyKey({ id });
    useClipboard.getState().copied(receipt);
    useKeys.getState().replace(await api.keys.get({ id }));
    return true;
  } catch (error) {
    useClipboard
      .getState()
      .failed(errorText(error, getIntl().formatMessage({ id: 'keys.error.copy', defaultMessage: 'Could not copy the key.' })));
    return false;
  }
}

/** "Copy reference" / "Copy as .env line": no secret, main writes the text and it stays. */
export async function copyReference(id: string, form: 'reference' | 'envLine'): Promise<void> {
  try {
    const { label, text } = await api.clipboard.copyReference({ id, form });
    useClipboard.getState().referenced(label, text);
  } catch (error) {
    useClipboard
      .getState()
      .failed(
        errorText(
          error,
          getIntl().formatMessage({ id: 'keys.error.copyReference', defaultMessage: 'Could not copy the reference.' }),
        ),
      );
  }
}

export async function toggleFavourite(id: string, favourite: boolean): Promise<void> {
  await api.keys.update({ id, favourite });
  // The order depends on favourites: fetch the list again rather than guess.
  await useKeys.getState().reload();
}
