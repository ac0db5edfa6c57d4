import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AgentApprovalRequest, ApprovalAnswer } from '../../../../contract/agent.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { api, onEvent } from '../../api.ts';

/**
 * "A terminal asks to use the vault": one question at a time, oldest first. Closing the dialog
 * denies. Main drops a question when it is answered elsewhere, times out or the vault locks.
 */
export function ApprovalPrompt() {
  const intl = useIntl();
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
      title={
        request.secret
          ? intl.formatMessage({ id: 'agent.titleSecret', defaultMessage: 'A terminal asks for a key in full' })
          : intl.formatMessage({ id: 'agent.title', defaultMessage: 'A terminal asks to use the vault' })
      }
      description={intl.formatMessage({ id: 'agent.description', defaultMessage: 'Allow it only if you just ran this command.' })}
      onClose={() => answer('deny')}
      role="alertdialog"
      className="agent-approval"
    >
      <dl className="agent-approval-facts">
        <dt>
          <FormattedMessage id="agent.command" defaultMessage="Command" />
        </dt>
        <dd>
          <code>{request.command}</code>
        </dd>
        <dt>
          <FormattedMessage id="agent.folder" defaultMessage="Folder" />
        </dt>
        <dd>
          <code>{request.cwd}</code>
        </dd>
        <dt>
          <FormattedMessage id="agent.parent" defaultMessage="Started from" />
        </dt>
        <dd>{request.parent || intl.formatMessage({ id: 'agent.parentUnknown', defaultMessage: 'unknown' })}</dd>
        <dt>
          <FormattedMessage id="agent.channel" defaultMessage="Asks for" />
        </dt>
        <dd>
          <code>{request.channel}</code>
        </dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={() => answer('deny')} data-autofocus>
          <FormattedMessage id="agent.deny" defaultMessage="Deny" />
        </button>
        <button type="button" onClick={() => answer('allow-once')}>
          <FormattedMessage id="agent.allowOnce" defaultMessage="Allow once" />
        </button>
        {!request.secret && (
          <button type="button" className="primary" onClick={() => answer('allow-terminal')}>
            <FormattedMessage id="agent.allowTerminal" defaultMessage="Allow for this terminal until lock" />
          </button>
        )}
      </div>
    </Dialog>
  );
}
