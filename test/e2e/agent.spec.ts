import { agentEndpoint } from '../../main/agent/endpoint.ts';
import { hostAgentWhileUnlocked } from '../../main/agent/host.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { runKeyward } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import type { Harness } from '../harness/server.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

// The app's approval prompt, in the real renderer, answering a real `keyward` process.

/** The agent hosted over the harness's services, as main/index.ts hosts it over the app's. */
function hostAgent(harness: Harness) {
  return hostAgentWhileUnlocked(harness.services, {
    endpoint: agentEndpoint(harness.dataDir),
    call: createRouter(createHandlers(harness.services)),
    source: 'app',
    approval: harness.services.approvals,
  });
}

const keyward = (harness: Harness, args: string[]) =>
  runKeyward(['--data-dir', harness.dataDir, ...args], { home: harness.dataDir });

test('a terminal asks: the window shows the command, folder and parent; Deny reaches the CLI as exit 6', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('AGT'), label: 'Deploy bot' });
  const host = hostAgent(harness);
  await host.settled();
  const run = keyward(harness, ['list']);
  const prompt = page.getByRole('alertdialog', { name: 'A terminal asks to use the vault' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(`keyward --data-dir ${harness.dataDir} list`);
  await expect(prompt).toContainText('keys.list');
  await expect(prompt.getByRole('button', { name: 'Allow for this terminal until lock' })).toBeVisible();
  await screenshot(page, '40-agent-approval');
  await prompt.getByRole('button', { name: 'Deny' }).click();
  await expect(prompt).toBeHidden();
  expect(await run).toMatchObject({ code: 6, stdout: '', stderr: 'keyward: Denied in the Keyward app.\n' });
  await host.stop();
});

test('Allow for this terminal: the command runs and the next one asks nothing; a reveal asks again without that choice', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  const secret = fakeKeys.github('AG2');
  await addKey(page, { secret, label: 'Release bot' });
  const host = hostAgent(harness);
  await host.settled();
  const prompt = page.getByRole('alertdialog');

  const first = keyward(harness, ['list', '--json']);
  await prompt.getByRole('button', { name: 'Allow for this terminal until lock' }).click();
  expect((await first).code).toBe(0);
  const second = await keyward(harness, ['list', '--json']);
  expect(second.code, second.stderr).toBe(0);
  const [key] = JSON.parse(second.stdout) as Array<{ id: string; label: string }>;
  expect(key!.label).toBe('Release bot');

  const reveal = keyward(harness, ['reveal', key!.id]);
  await expect(page.getByRole('alertdialog', { name: 'A terminal asks for a key in full' })).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Allow for this terminal until lock' })).toHaveCount(0);
  await prompt.getByRole('button', { name: 'Allow once' }).click();
  expect((await reveal).stdout).toBe(`${secret}\n`);
  // The page was shown what the CLI asked for, never the key it got.
  expect(harness.sentToPage()).not.toContain(secret);
  await host.stop();
});

test('locking the app takes an open prompt down and the waiting command fails', async ({ app: page, harness }) => {
  await createVault(page);
  const host = hostAgent(harness);
  await host.settled();
  const run = keyward(harness, ['list']);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const done = await run;
  expect(done.code).not.toBe(0);
  expect(done.stderr).toMatch(/^keyward: /);
  await host.stop();
});
