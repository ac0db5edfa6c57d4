import { useEffect, useState } from 'react';
import type { AgentApprovalRequest, ApprovalAnswer } from '../../../../contract/agent.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { api, onEvent } from '../../api.ts';

/**
 * "A terminal asks to use the vault": one question at a time, oldest first. Closing the dialog
 * denies. Main drops a question when it is answered elsewhere, times out or the vault locks.
 */
export function ApprovalPrompt() {
  const [queue, setQueue] = useState<AgentApprovalRequest[]>([]);
  useEffect(() => {
    const subscriptions = [
      onEvent('agentApproval', (request) => setQueue((current) => [...current, request])),
      onEvent('agentApprovalSettled', ({ id }) => setQueue((current) => current.filter((request) => request.id !== id))),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }, []);

  const request = queue[0];
  if (!request) return null;
  const answer = (choice: ApprovalAnswer) => {
    setQueue((current) => current.filter((item) => item.id !== request.id));
    void api.agent.answer({ id: request.id, answer: choice });
  };
  return (
    <Dialog
      key={request.id}
      title={request.secret ? 'A terminal asks for a key in full' : 'A terminal asks to use the vault'}
      description="Allow it only if you just ran this command."
      onClose={() => answer('deny')}
      role="alertdialog"
      className="agent-approval"
    >
      <dl className="agent-approval-facts">
        <dt>Command</dt>
        <dd>
          <code>{request.command}</code>
        </dd>
        <dt>Folder</dt>
        <dd>
          <code>{request.cwd}</code>
        </dd>
        <dt>Started from</dt>
        <dd>{request.parent || 'unknown'}</dd>
        <dt>Asks for</dt>
        <dd>
          <code>{request.channel}</code>
        </dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={() => answer('deny')} data-autofocus>
          Deny
        </button>
        <button type="button" onClick={() => answer('allow-once')}>
          Allow once
        </button>
        {!request.secret && (
          <button type="button" className="primary" onClick={() => answer('allow-terminal')}>
            Allow for this terminal until lock
          </button>
        )}
      </div>
    </Dialog>
  );
}
