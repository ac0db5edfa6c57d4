import type { Command } from '@commander-js/extra-typings';
import { usageError, type CliContext } from '../context.ts';

export function registerDetectCommand(program: Command, context: () => CliContext): void {
  program
    .command('detect')
    .description('tell which provider a key on standard input belongs to; needs no vault')
    .action(async () => {
      const ctx = context();
      const secret = await ctx.secretFromStdin('Paste the key (input hidden): ');
      if (secret.length > 16_384) throw usageError('Keys longer than 16 KiB are not supported.');
      // The recogniser alone, as keys.detect runs it: no vault, and none of the services or
      // schemas to load, so a script can call this per key.
      const { recognizeKey } = await import('../../keys/recognize.ts');
      const { keyKindEnglish } = await import('../../../contract/key-kinds.ts');
      const recognition = recognizeKey(secret);
      const { provider, live } = recognition;
      const kind = recognition.kind && keyKindEnglish(recognition.kind);
      if (ctx.json) return ctx.printJson({ provider, live, kind });
      if (!provider) return ctx.print('Not recognised: choose the provider yourself.');
      const mode = live === null ? '' : live ? ', live' : ', test';
      ctx.print(`${provider}${kind ? ` ${kind}` : ''}${mode}`);
    });
}
