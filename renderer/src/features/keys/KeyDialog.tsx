import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isKeywardError, type FieldIssue } from '../../../../contract/errors.ts';
import { environments, type Environment, type Recognition } from '../../../../contract/keys.ts';
import { CUSTOM_PREFIX, getProvider, providerCatalog } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';

const CUSTOM = '__custom__';
const environmentLabels: Record<Environment, string> = { dev: 'Development', staging: 'Staging', prod: 'Production', other: 'Other' };

type Field = 'secret' | 'label' | 'provider' | 'environment' | 'expiresAt' | 'rotateEveryDays' | 'usedIn' | 'tags' | 'notes';

/** "usedIn.2" → "usedIn": list items report on their list's field. */
function fieldOf(issue: FieldIssue): Field | null {
  const head = issue.path.split('.')[0] as Field;
  return ['secret', 'label', 'provider', 'environment', 'expiresAt', 'rotateEveryDays', 'usedIn', 'tags', 'notes'].includes(head) ? head : null;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * Add or edit a key. Pasting a key asks main which provider it belongs to (and whether it is a
 * live or test key) and whether it is already stored; the user can override the provider,
 * including a custom one. Main validates everything; its field messages appear next to the fields.
 */
export function KeyDialog() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  const reload = useKeys((s) => s.reload);
  const editing = useKeys((s) => (dialog?.kind === 'edit' ? s.keys.find((k) => k.id === dialog.id) : undefined));
  const isEdit = dialog?.kind === 'edit';

  // The pasted secret stays in this form's own state and is dropped when the dialog closes.
  const [secret, setSecret] = useState('');
  const [label, setLabel] = useState(editing?.label ?? '');
  const [provider, setProvider] = useState(() => initialProvider(editing?.provider));
  const [customName, setCustomName] = useState(editing?.provider.startsWith(CUSTOM_PREFIX) ? editing.provider.slice(CUSTOM_PREFIX.length) : '');
  const [environment, setEnvironment] = useState<Environment>(editing?.environment ?? 'prod');
  const [expiresAt, setExpiresAt] = useState(editing?.expiresAt ?? '');
  const [rotateEveryDays, setRotateEveryDays] = useState(editing?.rotateEveryDays?.toString() ?? '');
  const [usedIn, setUsedIn] = useState(editing?.usedIn.join(', ') ?? '');
  const [tags, setTags] = useState(editing?.tags.join(', ') ?? '');
  const [notes, setNotes] = useState(editing?.notes ?? '');
  const [favourite, setFavourite] = useState(editing?.favourite ?? false);
  const [recognition, setRecognition] = useState<Recognition | null>(null);
  const [duplicates, setDuplicates] = useState<Array<{ id: string; label: string; provider: string }>>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Once the user picks a provider or an environment, recognition stops overriding it.
  const providerTouched = useRef(isEdit);
  const environmentTouched = useRef(isEdit);

  // Recognise as the user pastes or types; the newest answer wins.
  useEffect(() => {
    if (isEdit) return;
    const value = secret.trim();
    // An emptied field hides the last answer (see the render), so there is nothing to reset here.
    if (!value) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all([api.keys.detect({ secret: value }), api.keys.findDuplicates({ secret: value })]).then(
        ([found, same]) => {
          if (!live) return;
          setRecognition(found);
          setDuplicates(same);
          if (!providerTouched.current) setProvider(found.provider ?? '');
          // A key the format calls a test key rarely belongs in production.
          if (!environmentTouched.current && found.live !== null) setEnvironment(found.live ? 'prod' : 'dev');
        },
        () => undefined,
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [secret, isEdit]);

  if (isEdit && !editing) return null;

  function chosenProvider(): string | undefined {
    if (provider === CUSTOM) return `${CUSTOM_PREFIX}${customName.trim()}`;
    return provider || undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!isEdit && !secret.trim()) local.secret = 'Paste the key.';
    if (!label.trim()) local.label = 'Give the key a label.';
    if (provider === CUSTOM && !customName.trim()) local.provider = 'Name your custom provider.';
    if (rotateEveryDays.trim() && !/^\d+$/.test(rotateEveryDays.trim())) local.rotateEveryDays = 'Use a whole number of days.';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    const fields = {
      label,
      environment,
      notes,
      usedIn: splitList(usedIn),
      tags: splitList(tags),
      expiresAt: expiresAt || null,
      rotateEveryDays: rotateEveryDays.trim() ? Number(rotateEveryDays) : null,
      favourite,
    };
    setBusy(true);
    try {
      const target = chosenProvider();
      if (isEdit) await api.keys.update({ id: editing!.id, ...fields, ...(target ? { provider: target } : {}) });
      else await api.keys.add({ secret, ...fields, ...(target ? { provider: target } : {}) });
      setSecret('');
      close();
      await reload();
    } catch (caught) {
      if (isKeywardError(caught) && caught.code === 'Invalid' && caught.issues) {
        const next: Partial<Record<Field, string>> = {};
        for (const issue of caught.issues) {
          const field = fieldOf(issue);
          if (field) next[field] ??= issue.message;
        }
        setErrors(next);
        if (Object.keys(next).length === 0) setFormError(caught.message);
      } else {
        setFormError(isKeywardError(caught) ? caught.message : 'Could not save the key.');
      }
    } finally {
      setBusy(false);
    }
  }

  const recognisedName = recognition?.provider ? getProvider(recognition.provider)?.name : null;
  return (
    <Dialog title={isEdit ? `Edit “${editing!.label}”` : 'Add a key'} className="key-dialog" onClose={close}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {isEdit ? (
          <div className="field">
            <span>Key</span>
            <code className="masked">{editing!.masked}</code>
          </div>
        ) : (
          <FormField label="Key" error={errors.secret} hint="Paste it here. It is encrypted before it is stored and never shown in lists.">
            {(props) => (
              <input
                {...props}
                type="password"
                data-autofocus
                autoComplete="off"
                spellCheck={false}
                className="mono"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
            )}
          </FormField>
        )}
        {!isEdit && secret.trim() && recognition && (
          <p className={recognition.provider ? 'recognised' : 'unrecognised'} role="status">
            {recognition.provider ? (
              <>
                <Icon name="key" /> Recognised: <strong>{recognisedName}</strong>
                {recognition.kind ? ` ${recognition.kind}` : ''}
                {recognition.live === true ? ' · live' : recognition.live === false ? ' · test mode' : ''}
              </>
            ) : (
              'This format is not one Keyward knows: choose the provider below.'
            )}
          </p>
        )}
        {!isEdit && secret.trim() && duplicates.length > 0 && (
          <p className="duplicate" role="status">
            <Icon name="warning" /> Already stored as {duplicates.map((d) => `“${d.label}”`).join(', ')}. Saving adds another copy.
          </p>
        )}
        <FormField label="Label" error={errors.label}>
          {(props) => <input {...props} data-autofocus={isEdit || undefined} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </FormField>
        <div className="field-row">
          <FormField label="Provider" error={errors.provider}>
            {(props) => (
              <select
                {...props}
                value={provider}
                onChange={(e) => {
                  setProvider(e.target.value);
                  providerTouched.current = true;
                }}
              >
                <option value="">{isEdit ? 'Choose…' : 'Recognise from the key'}</option>
                {providerCatalog.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value={CUSTOM}>Custom…</option>
              </select>
            )}
          </FormField>
          <FormField label="Environment" error={errors.environment}>
            {(props) => (
              <select
                {...props}
                value={environment}
                onChange={(e) => {
                  setEnvironment(e.target.value as Environment);
                  environmentTouched.current = true;
                }}
              >
                {environments.map((env) => (
                  <option key={env} value={env}>
                    {environmentLabels[env]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        {provider === CUSTOM && (
          <FormField label="Custom provider name" hint="Shown on its card, e.g. Acme Cloud.">
            {(props) => <input {...props} value={customName} onChange={(e) => setCustomName(e.target.value)} />}
          </FormField>
        )}
        <div className="field-row">
          <FormField label="Expires on" error={errors.expiresAt} hint="Optional.">
            {(props) => <input {...props} type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />}
          </FormField>
          <FormField label="Rotate every (days)" error={errors.rotateEveryDays} hint="Optional, e.g. 90.">
            {(props) => (
              <input {...props} inputMode="numeric" value={rotateEveryDays} onChange={(e) => setRotateEveryDays(e.target.value)} />
            )}
          </FormField>
        </div>
        <FormField label="Used in" error={errors.usedIn} hint="Projects or workflows, separated by commas.">
          {(props) => <input {...props} value={usedIn} onChange={(e) => setUsedIn(e.target.value)} />}
        </FormField>
        <FormField label="Tags" error={errors.tags} hint="Separated by commas.">
          {(props) => <input {...props} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </FormField>
        <FormField label="Notes" error={errors.notes} hint="Scopes, restrictions, who to ask.">
          {(props) => <textarea {...props} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </FormField>
        <label className="checkbox">
          <input type="checkbox" checked={favourite} onChange={(e) => setFavourite(e.target.checked)} />
          Favourite (listed first)
        </label>
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : isEdit ? 'Save changes' : 'Add key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function initialProvider(provider: string | undefined): string {
  if (!provider) return '';
  return provider.startsWith(CUSTOM_PREFIX) ? CUSTOM : provider;
}

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled control with its hint and its error message, wired for screen readers. */
function FormField({ label, error, hint, children }: { label: string; error?: string | undefined; hint?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error || hint ? messageId : undefined })}
      {error ? (
        <p id={messageId} className="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={messageId} className="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
