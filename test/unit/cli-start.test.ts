import { Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { commandModules, commandName } from '../../main/cli.ts';
import { CliContext } from '../../main/cli/context.ts';
import { processIo } from '../../main/cli/io.ts';

// The CLI loads only the module of the command it runs (start-up time, see docs/benchmarks.md):
// the table of names it chooses by must say exactly what each module registers.

describe('CLI start-up', () => {
  it('each command module registers exactly the commands the table names for it', async () => {
    const seen: string[] = [];
    for (const module of commandModules) {
      const program = new Command('keyward');
      (await module.load())(program, () => new CliContext(processIo, {}));
      const names = program.commands.map((command) => command.name());
      expect(names, `module for ${module.names.join(', ')}`).toEqual([...module.names]);
      seen.push(...names);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('finds the command after global options and their values, not in them', () => {
    expect(commandName(['--data-dir', 'list', 'detect'])).toBe('detect');
    expect(commandName(['--json', '--password-env', 'V', 'run', '--', 'list'])).toBe('run');
    expect(commandName(['--version'])).toBeNull();
    expect(commandName(['--', 'list'])).toBeNull();
  });
});
