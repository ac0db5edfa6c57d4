/**
 * A services process hosting the agent, as the app does, for spawned-CLI tests:
 *   node test/support/agent-host-process.ts <data dir> <allow-terminal|allow-once|deny|none>
 * The master password comes on stdin's first line. It prints `ready` once serving; then each
 * line on stdin is a command: `lock` locks the vault (printing `closed` once the server is
 * gone). Approval questions are answered with the given answer and printed as `asked <json>`;
 * the server's log lines go to stderr, as the app's go to its log.
 */
import { createInterface } from 'node:readline';
import type { ApprovalAnswer } from '../../contract/agent.ts';
import { agentEndpoint } from '../../main/agent/endpoint.ts';
import { hostAgentWhileUnlocked } from '../../main/agent/host.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { createServices } from '../../main/services.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir || !mode) throw new Error('usage: agent-host-process.ts <data dir> <answer|none>');
const services = createServices({ dataDir, kdfPolicy: 'minimum' });
const lines = createInterface({ input: process.stdin });
const call = createRouter(createHandlers(services), (channel, summary) => console.error(`${channel} failed: ${summary}`));
const host = hostAgentWhileUnlocked(services, {
  endpoint: agentEndpoint(dataDir),
  call,
  source: 'app',
  approval:
    mode === 'none'
      ? null
      : {
          ask: async (request) => {
            process.stdout.write(`asked ${JSON.stringify(request)}\n`);
            return mode as ApprovalAnswer;
          },
        },
  log: (line) => console.error(`[keyward] agent: ${line}`),
});
let unlocked = false;
for await (const line of lines) {
  if (!unlocked) {
    await services.vault.unlock(line, 'app');
    unlocked = true;
    await host.settled();
    process.stdout.write('ready\n');
  } else if (line === 'lock') {
    services.vault.lock('manual');
    await host.settled();
    process.stdout.write('closed\n');
  }
}
await host.stop();
