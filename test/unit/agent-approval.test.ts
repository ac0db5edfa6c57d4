import { describe, expect, it } from 'vitest';
import type { AgentApprovalRequest, ApprovalAnswer } from '../../contract/agent.ts';
import { channels } from '../../contract/index.ts';
import { AppApprovals, APPROVAL_TIMEOUT_MS, MAX_OPEN_QUESTIONS } from '../../main/agent/app-approvals.ts';
import {
  afterAnswer,
  ApprovalGate,
  classify,
  forgetConnection,
  noGrants,
  verdictFor,
  type ApprovalRequest,
} from '../../main/agent/approval.ts';
import type { ClientInfo } from '../../main/agent/messages.ts';
import { EventBus } from '../../main/events.ts';
import { idleLockAt } from '../../main/lock/auto-lock.ts';
import { ManualTimers } from '../support/manual-timers.ts';

// Who may use the unlocked vault from a terminal, decided without Electron.

const client = (terminal = '/dev/pts/3'): ClientInfo => ({
  pid: 4242,
  command: 'keyward list',
  cwd: '/home/dev/project',
  parent: 'bash',
  terminal,
});

const pts3 = { terminal: '/dev/pts/3', connection: '1' };
const laterInPts3 = { terminal: '/dev/pts/3', connection: '2' };

describe('which methods ask', () => {
  it('a key in full always asks, even in a terminal allowed until lock', () => {
    const grants = afterAnswer(noGrants, 'allow-terminal', 'per-terminal', pts3).grants;
    expect(verdictFor(grants, classify('keys.list'), laterInPts3)).toBe('allow');
    expect(verdictFor(grants, classify('keys.reveal'), laterInPts3)).toBe('ask');
    expect(verdictFor(grants, classify('keys.revealHistory'), pts3)).toBe('ask');
  });

  it('any answer to a reveal allows that reveal only', () => {
    for (const answer of ['allow-terminal', 'allow-once'] as const) {
      const after = afterAnswer(noGrants, answer, 'always-ask', pts3);
      expect(after.allowed).toBe(true);
      expect(after.grants).toEqual(noGrants);
    }
  });

  it('another terminal asks again', () => {
    const grants = afterAnswer(noGrants, 'allow-terminal', 'per-terminal', pts3).grants;
    expect(verdictFor(grants, classify('keys.list'), { terminal: '/dev/pts/4', connection: '3' })).toBe('ask');
  });

  it('"allow once" covers the rest of that command’s calls, not the next command', () => {
    const { allowed, grants } = afterAnswer(noGrants, 'allow-once', 'per-terminal', pts3);
    expect(allowed).toBe(true);
    expect(verdictFor(grants, 'per-terminal', pts3)).toBe('allow');
    expect(verdictFor(grants, 'per-terminal', laterInPts3)).toBe('ask');
    expect(verdictFor(forgetConnection(grants, '1'), 'per-terminal', pts3)).toBe('ask');
  });

  it('a denial grants nothing', () => {
    const after = afterAnswer(noGrants, 'deny', 'per-terminal', pts3);
    expect(after).toEqual({ allowed: false, grants: noGrants });
  });

  it('what needs the master password, and answering a prompt, is never served to a client', () => {
    for (const channel of [
      'vault.unlock',
      'vault.create',
      'vault.changePassword',
      'backups.recover',
      'backups.restore',
      'agent.answer',
    ]) {
      expect(verdictFor(noGrants, classify(channel), pts3), channel).toBe('refuse');
    }
  });

  it('every not-served or secret channel is a real contract channel (a rename cannot slip past the list)', () => {
    const named = channels.filter((channel) => classify(channel) === 'not-served' || classify(channel) === 'always-ask');
    expect(named.sort()).toEqual(
      [
        'agent.answer',
        'backups.recover',
        'backups.restore',
        'clipboard.copyKey',
        'keys.reveal',
        'keys.revealHistory',
        'vault.changePassword',
        'vault.create',
        'vault.unlock',
      ].sort(),
    );
  });
});

describe('the approval gate', () => {
  function recordingPort(answers: ApprovalAnswer[]) {
    const asked: ApprovalRequest[] = [];
    return {
      asked,
      port: {
        ask: async (request: ApprovalRequest) => {
          asked.push(request);
          return answers.shift() ?? 'deny';
        },
      },
    };
  }

  it('asks a terminal once when allowed for it, then lets its later commands through', async () => {
    const { asked, port } = recordingPort(['allow-terminal']);
    const gate = new ApprovalGate(port, () => 'id');
    expect(await gate.admit(client(), '1', 'keys.list')).toBe(true);
    expect(await gate.admit(client(), '2', 'costs.summary')).toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ channel: 'keys.list', secret: false });
  });

  it('one command’s calls that arrive together share one prompt', async () => {
    const { asked, port } = recordingPort(['allow-once']);
    const gate = new ApprovalGate(port, () => 'id');
    const results = await Promise.all(Array.from({ length: 10 }, () => gate.admit(client(), '1', 'keys.list')));
    expect(results.every(Boolean)).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it('a denial refuses the call and the next command asks again', async () => {
    const { asked, port } = recordingPort(['deny', 'allow-once']);
    const gate = new ApprovalGate(port, () => 'id');
    expect(await gate.admit(client(), '1', 'keys.list')).toBe(false);
    expect(await gate.admit(client(), '2', 'keys.list')).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('marks a reveal as a secret for the prompt', async () => {
    const { asked, port } = recordingPort(['allow-once']);
    await new ApprovalGate(port, () => 'id').admit(client(), '1', 'keys.reveal');
    expect(asked[0]).toMatchObject({ channel: 'keys.reveal', secret: true });
  });
});

describe('the app’s approvals', () => {
  function app() {
    const events = new EventBus();
    const timers = new ManualTimers();
    const shown: AgentApprovalRequest[] = [];
    const settled: string[] = [];
    events.subscribe((name, payload) => {
      if (name === 'agentApproval') shown.push(payload as AgentApprovalRequest);
      if (name === 'agentApprovalSettled') settled.push((payload as { id: string }).id);
    });
    return { approvals: new AppApprovals(events, timers), timers, shown, settled };
  }
  const request = (id: string): ApprovalRequest => ({ id, client: client(), channel: 'keys.list', secret: false });

  it('shows the command, folder and parent in the window and settles with the window’s answer', async () => {
    const { approvals, shown, settled } = app();
    const notified: AgentApprovalRequest[] = [];
    approvals.onAsk((asked) => notified.push(asked));
    const answer = approvals.ask(request('a'));
    expect(shown).toEqual([
      { id: 'a', command: 'keyward list', cwd: '/home/dev/project', parent: 'bash', channel: 'keys.list', secret: false },
    ]);
    expect(notified).toHaveLength(1);
    expect(approvals.answer('a', 'allow-once')).toBe(true);
    expect(await answer).toBe('allow-once');
    expect(settled).toEqual(['a']);
    expect(approvals.answer('a', 'deny'), 'answered twice').toBe(false);
  });

  it('an unanswered prompt is a denial after the timeout', async () => {
    const { approvals, timers } = app();
    const answer = approvals.ask(request('b'));
    timers.advance(APPROVAL_TIMEOUT_MS);
    expect(await answer).toBe('deny');
  });

  it('a process flooding the window with questions is denied beyond a handful', async () => {
    const { approvals, shown } = app();
    const answers = Array.from({ length: MAX_OPEN_QUESTIONS + 3 }, (_, i) => approvals.ask(request(`q${i}`)));
    expect(shown).toHaveLength(MAX_OPEN_QUESTIONS);
    expect(await Promise.all(answers.slice(MAX_OPEN_QUESTIONS))).toEqual(['deny', 'deny', 'deny']);
    approvals.denyAll();
  });

  it('a lock denies every open prompt', async () => {
    const { approvals, settled } = app();
    const answers = [approvals.ask(request('c')), approvals.ask(request('d'))];
    approvals.denyAll();
    expect(await Promise.all(answers)).toEqual(['deny', 'deny']);
    expect(settled.sort()).toEqual(['c', 'd']);
  });
});

describe('the app’s locksAt in `keyward agent status`', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  it('is when the idle timeout locks if nobody touches the machine from now', () => {
    expect(idleLockAt(15, 0, now)?.toISOString()).toBe('2026-12-01T10:15:00.000Z');
    expect(idleLockAt(15, 5 * 60, now)?.toISOString()).toBe('2026-12-01T10:10:00.000Z');
    expect(idleLockAt(1, 120, now)?.toISOString(), 'already due: the next poll locks').toBe('2026-12-01T10:00:00.000Z');
  });

  it('is null when idleness never locks', () => {
    expect(idleLockAt(null, 0, now)).toBeNull();
  });
});
