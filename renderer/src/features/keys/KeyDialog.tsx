import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isKeywardError, type FieldIssue } from '../../../../contract/errors.ts';
import { keyKindWords } from '../../../../contract/key-kinds.ts';
import { environments, keyFieldSchemas, type Environment, type Recognition } from '../../../../contract/keys.ts';
import { CUSTOM_PREFIX, getProvider, providerCatalog } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { fieldError } from '../../lib/field-error.ts';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { environmentName } from './format.ts';
import { errorText, issueText } from '../../lib/error-text.ts';

const CUSTOM = '__custom__';

const fields = [
  'secret',
  'label',
  'provider',
  'customName',
  'environment',
  'expiresAt',
  'rotateEveryDays',
  'usedIn',
  'tags',
  'notes',
] as const;
type Field = (typeof fields)[number];

/** "usedIn.2" → "usedIn": list items report on their list's field. */
function fieldOf(issue: FieldIssue): Field | null {
  const head = issue.path.split('.')[0] as Field;
  return fields.includes(head) ? head : null;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** The form's text as the contract's field schemas take it ("" is "none" for the optional fields). */
const asDays = (text: string) => (text.trim() ? Number(text.trim()) : null);
const asDay = (text: string) => text || null;

/**
 * Add or edit a key. Pasting a key asks main which provider it belongs to (and whether it is a
 * live or test key) and whether it is already stored; the user can override the provider,
 * including a custom one. Each field is checked with the contract's own schema when the user leaves
 * it, and again at every keystroke after that, so a fixed value loses its message at once. Main
 * validates everything again on save; its field messages appear next to the same fields.
 */
export function KeyDialog() {
  const intl = useIntl();
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.close);
  const reload = useKeys((s) => s.reload);
  const editing = useKeys((s) => (dialog?.kind === 'edit' ? s.keys.find((k) => k.id === dialog.id) : undefined));
  const isEdit = dialog?.kind === 'edit';

  // The pasted secret stays in this form's own state and is dropped when the dialog closes.
  const [secret, setSecret] = useState('');
  const [label, setLabel] = useState(editing?.label ?? '');
  const [provider, setProvider] = useState(() => initialProvider(editing?.provider));
  const [customName, setCustomName] = useState(
    editing?.provider.startsWith(CUSTOM_PREFIX) ? editing.provider.slice(CUSTOM_PREFIX.length) : '',
  );
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
  // Fields the user has left (or tried to submit): from then on their message follows every keystroke.
  const checked = useRef(new Set<Field>());
  const customNameInput = useRef<HTMLInputElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
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

  /** This field's message for this value, from the contract's own schema; undefined when it is fine. */
  function problem(field: Field, value: string): string | undefined {
    switch (field) {
      case 'secret':
        return isEdit ? undefined : fieldError(keyFieldSchemas.secret, value, intl);
      case 'label':
        return fieldError(keyFieldSchemas.label, value, intl);
      case 'customName':
        return provider === CUSTOM ? fieldError(keyFieldSchemas.customProviderName, value, intl) : undefined;
      case 'expiresAt':
        return fieldError(keyFieldSchemas.expiresAt, asDay(value), intl);
      case 'rotateEveryDays':
        return fieldError(keyFieldSchemas.rotateEveryDays, asDays(value), intl);
      case 'usedIn':
      case 'tags':
        return fieldError(keyFieldSchemas[field], splitList(value), intl);
      case 'notes':
        return fieldError(keyFieldSchemas.notes, value, intl);
      default:
        return undefined; // provider and environment are choices; main has the last word on them
    }
  }

  /** Re-checks a field the user already left, so a fixed value loses its message at once. */
  function recheck(field: Field, value: string) {
    if (!checked.current.has(field) && !errors[field]) return;
    setErrors((now) => ({ ...now, [field]: problem(field, value) }));
  }

  /** Props that make a text control check itself on blur, and again on every change after that. */
  function checks(field: Field, value: string, set: (value: string) => void) {
    return {
      value,
      onChange: (event: { target: { value: string } }) => {
        set(event.target.value);
        recheck(field, event.target.value);
      },
      onBlur: () => {
        checked.current.add(field);
        setErrors((now) => ({ ...now, [field]: problem(field, value) }));
      },
    };
  }

  function chosenProvider(): string | undefined {
    if (provider === CUSTOM) return `${CUSTOM_PREFIX}${customName.trim()}`;
    return provider || undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values: Record<Field, string> = {
      secret,
      label,
      provider,
      customName,
      environment,
      expiresAt,
      rotateEveryDays,
      usedIn,
      tags,
      notes,
    };
    const local: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      checked.current.add(field);
      const message = problem(field, values[field]);
      if (message) local[field] = message;
    }
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    const changes = {
      label,
      environment,
      notes,
      usedIn: splitList(usedIn),
      tags: splitList(tags),
      expiresAt: expiresAt || null,
      rotateEveryDays: asDays(rotateEveryDays),
      favourite,
    };
    setBusy(true);
    try {
      const target = chosenProvider();
      if (isEdit) await api.keys.update({ id: editing!.id, ...changes, ...(target ? { provider: target } : {}) });
      else await api.keys.add({ secret, ...changes, ...(target ? { provider: target } : {}) });
      setSecret('');
      close();
      await reload();
    } catch (caught) {
      if (isKeywardError(caught) && caught.code === 'Invalid' && caught.issues) {
        const next: Partial<Record<Field, string>> = {};
        for (const issue of caught.issues) {
          const field = fieldOf(issue);
          if (field) next[field] ??= issueText(issue, intl);
        }
        setErrors(next);
        if (Object.keys(next).length === 0) {
          setFormError(
            errorText(
              caught,
              intl.formatMessage({ id: 'keys.form.saveFailed', defaultMessage: 'Could not save the key.' }),
              intl,
            ),
          );
        }
      } else {
        setFormError(
          errorText(caught, intl.formatMessage({ id: 'keys.form.saveFailed', defaultMessage: 'Could not save the key.' }), intl),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  const recognisedName = recognition?.provider ? getProvider(recognition.provider)?.name : null;
  return (
    <Dialog
      title={
        isEdit
          ? intl.formatMessage({ id: 'keys.form.editTitle', defaultMessage: 'Edit “{label}”' }, { label: editing!.label })
          : intl.formatMessage({ id: 'keys.form.addTitle', defaultMessage: 'Add a key' })
      }
      className="key-dialog"
      onClose={close}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        {isEdit ? (
          <div className="field">
            <span>
              <FormattedMessage id="keys.form.key" defaultMessage="Key" />
            </span>
            <code className="masked">{editing!.masked}</code>
          </div>
        ) : (
          <FormField
            label={intl.formatMessage({ id: 'keys.form.key', defaultMessage: 'Key' })}
            error={errors.secret}
            hint={intl.formatMessage({
              id: 'keys.form.keyHint',
              defaultMessage: 'Paste it here. It is encrypted before it is stored and never shown in lists.',
            })}
          >
            {(props) => (
              <div className="input-with-button">
                <input
                  {...props}
                  type={showSecret ? 'text' : 'password'}
                  data-autofocus
                  autoComplete="off"
                  spellCheck={false}
                  className="mono"
                  {...checks('secret', secret, setSecret)}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={intl.formatMessage({ id: 'keys.form.showKey', defaultMessage: 'Show the key' })}
                  aria-pressed={showSecret}
                  aria-controls={props.id}
                  title={
                    showSecret
                      ? intl.formatMessage({ id: 'keys.form.hideKey', defaultMessage: 'Hide the key' })
                      : intl.formatMessage({ id: 'keys.form.showKey', defaultMessage: 'Show the key' })
                  }
                  onClick={() => setShowSecret(!showSecret)}
                >
                  <Icon name="eye" />
                </button>
              </div>
            )}
          </FormField>
        )}
        {!isEdit && secret.trim() && recognition && (
          <p className={recognition.provider ? 'recognised' : 'unrecognised'} role="status">
            {recognition.provider ? (
              <>
                <Icon name="key" />
                {/* One flex item, so the sentence wraps as text and keeps its own spaces. */}
                <span>
                  <FormattedMessage
                    id="keys.form.recognised"
                    defaultMessage="Recognised: <strong>{provider}</strong>{kind, select, none {} other { {kind}}}{mode, select, live { · live} test { · test mode} other {}}"
                    values={{
                      provider: recognisedName,
                      kind: recognition.kind ? intl.formatMessage(keyKindWords[recognition.kind]) : 'none',
                      mode: recognition.live === true ? 'live' : recognition.live === false ? 'test' : 'unknown',
                      strong: (chunks) => <strong>{chunks}</strong>,
                    }}
                  />
                </span>
              </>
            ) : (
              <span>
                <FormattedMessage
                  id="keys.form.unrecognised"
                  defaultMessage="Keyward does not know this format. Choose its provider below, or <custom>use a custom provider</custom> and name it."
                  values={{
                    custom: (chunks) => (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setProvider(CUSTOM);
                          providerTouched.current = true;
                          setErrors((now) => ({ ...now, provider: undefined }));
                          // The name field appears with this render: focus it once it is there.
                          requestAnimationFrame(() => customNameInput.current?.focus());
                        }}
                      >
                        {chunks}
                      </button>
                    ),
                  }}
                />
              </span>
            )}
          </p>
        )}
        {!isEdit && secret.trim() && duplicates.length > 0 && (
          <p className="duplicate" role="status">
            <Icon name="warning" />
            <span>
              <FormattedMessage
                id="keys.form.duplicates"
                defaultMessage="Already stored as {labels}. Saving adds another copy."
                values={{
                  labels: intl.formatList(
                    duplicates.map((d) => `“${d.label}”`),
                    { type: 'unit' },
                  ),
                }}
              />
            </span>
          </p>
        )}
        <FormField label={intl.formatMessage({ id: 'keys.form.label', defaultMessage: 'Label' })} error={errors.label}>
          {(props) => <input {...props} data-autofocus={isEdit || undefined} {...checks('label', label, setLabel)} />}
        </FormField>
        <div className="field-row">
          <FormField label={intl.formatMessage({ id: 'keys.form.provider', defaultMessage: 'Provider' })} error={errors.provider}>
            {(props) => (
              <select
                {...props}
                value={provider}
                onChange={(e) => {
                  setProvider(e.target.value);
                  providerTouched.current = true;
                  // A new choice answers whatever main said about the old one.
                  setErrors((now) => ({ ...now, provider: undefined, customName: undefined }));
                }}
              >
                <option value="">
                  {isEdit
                    ? intl.formatMessage({ id: 'keys.form.chooseProvider', defaultMessage: 'Choose…' })
                    : intl.formatMessage({ id: 'keys.form.recogniseProvider', defaultMessage: 'Recognise from the key' })}
                </option>
                {providerCatalog.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value={CUSTOM}>
                  {intl.formatMessage({ id: 'keys.form.customProvider', defaultMessage: 'Custom…' })}
                </option>
              </select>
            )}
          </FormField>
          <FormField
            label={intl.formatMessage({ id: 'keys.form.environment', defaultMessage: 'Environment' })}
            error={errors.environment}
          >
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
                    {environmentName(intl, env)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        {provider === CUSTOM && (
          <FormField
            label={intl.formatMessage({ id: 'keys.form.customName', defaultMessage: 'Custom provider name' })}
            error={errors.customName}
            hint={intl.formatMessage({ id: 'keys.form.customNameHint', defaultMessage: 'Shown on its card, e.g. Acme Cloud.' })}
          >
            {(props) => <input {...props} ref={customNameInput} {...checks('customName', customName, setCustomName)} />}
          </FormField>
        )}
        <div className="field-row">
          <FormField
            label={intl.formatMessage({ id: 'keys.form.expiresOn', defaultMessage: 'Expires on' })}
            error={errors.expiresAt}
            hint={intl.formatMessage({ id: 'keys.form.optional', defaultMessage: 'Optional.' })}
          >
            {(props) => <input {...props} type="date" {...checks('expiresAt', expiresAt, setExpiresAt)} />}
          </FormField>
          <FormField
            label={intl.formatMessage({ id: 'keys.form.rotateEvery', defaultMessage: 'Rotate every (days)' })}
            error={errors.rotateEveryDays}
            hint={intl.formatMessage({ id: 'keys.form.rotateEveryHint', defaultMessage: 'Optional, e.g. 90.' })}
          >
            {(props) => (
              <input {...props} inputMode="numeric" {...checks('rotateEveryDays', rotateEveryDays, setRotateEveryDays)} />
            )}
          </FormField>
        </div>
        <FormField
          label={intl.formatMessage({ id: 'keys.form.usedIn', defaultMessage: 'Used in' })}
          error={errors.usedIn}
          hint={intl.formatMessage({ id: 'keys.form.usedInHint', defaultMessage: 'Projects or workflows, separated by commas.' })}
        >
          {(props) => <input {...props} {...checks('usedIn', usedIn, setUsedIn)} />}
        </FormField>
        <FormField
          label={intl.formatMessage({ id: 'keys.form.tags', defaultMessage: 'Tags' })}
          error={errors.tags}
          hint={intl.formatMessage({ id: 'keys.form.tagsHint', defaultMessage: 'Separated by commas.' })}
        >
          {(props) => <input {...props} {...checks('tags', tags, setTags)} />}
        </FormField>
        <FormField
          label={intl.formatMessage({ id: 'keys.form.notes', defaultMessage: 'Notes' })}
          error={errors.notes}
          hint={intl.formatMessage({ id: 'keys.form.notesHint', defaultMessage: 'Scopes, restrictions, who to ask.' })}
        >
          {(props) => <textarea {...props} rows={2} {...checks('notes', notes, setNotes)} />}
        </FormField>
        <label className="checkbox">
          <input type="checkbox" checked={favourite} onChange={(e) => setFavourite(e.target.checked)} />
          <FormattedMessage id="keys.form.favourite" defaultMessage="Favourite (listed first)" />
        </label>
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={close}>
            <FormattedMessage id="keys.form.cancel" defaultMessage="Cancel" />
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? (
              <FormattedMessage id="keys.form.saving" defaultMessage="Saving…" />
            ) : isEdit ? (
              <FormattedMessage id="keys.form.save" defaultMessage="Save changes" />
            ) : (
              <FormattedMessage id="keys.form.add" defaultMessage="Add key" />
            )}
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
function FormField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: ControlProps) => ReactNode;
}) {
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
