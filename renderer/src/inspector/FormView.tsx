import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Finding } from '../../../shared/findings';
import { emptyValueOf, getIn, isScalarField, parseNumberInput, pathKey, type FormField, type Segment } from '../../../shared/inspector/formSchema';

/**
 * A form generated from form fields (shared/inspector/formSchema). Values come from `value`; every change is
 * handed to `commit(path, next)` which returns the reason when the schema refuses it (shown inline, the field
 * keeps what the user typed) or undefined when it was applied.
 */
export type Commit = (path: readonly Segment[], next: unknown) => string | undefined;

export interface FormViewProps {
  readonly idPrefix: string;
  readonly fields: readonly FormField[];
  readonly value: unknown;
  readonly commit: Commit;
  /** Findings per form path (pathKey), shown under their field. */
  readonly findings?: ReadonlyMap<string, readonly Finding[]>;
}

export function FormView({ idPrefix, fields, value, commit, findings }: FormViewProps): ReactNode {
  return (
    <div className="insp-form">
      {fields.map((f) => (
        <Field key={f.key} idPrefix={idPrefix} field={f} path={[f.key]} value={getIn(value, [f.key])} commit={commit} findings={findings} />
      ))}
    </div>
  );
}

interface FieldProps {
  readonly idPrefix: string;
  readonly field: FormField;
  readonly path: readonly Segment[];
  readonly value: unknown;
  readonly commit: Commit;
  readonly findings: ReadonlyMap<string, readonly Finding[]> | undefined;
  /** Label override (list items, map values). */
  readonly label?: string;
}

function fieldId(idPrefix: string, path: readonly Segment[]): string {
  return `${idPrefix}-${pathKey(path).replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function Field(props: FieldProps): ReactNode {
  switch (props.field.type) {
    case 'object':
      return <ObjectField {...props} />;
    case 'list':
      return <ListField {...props} />;
    case 'map':
      return <MapField {...props} />;
    default:
      return <ScalarField {...props} />;
  }
}

function FieldFindings({ findings, path }: { findings: FieldProps['findings']; path: readonly Segment[] }): ReactNode {
  const list = findings?.get(pathKey(path));
  if (!list || list.length === 0) return null;
  return (
    <ul className="insp-field-findings">
      {list.map((f, i) => (
        <li key={i} className={`is-${f.severity}`}>
          {f.message}
        </li>
      ))}
    </ul>
  );
}

function display(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

/** Text, number, select, checkbox or JSON text: one labelled control with help text and an inline error. */
function ScalarField({ idPrefix, field, path, value, commit, findings, label }: FieldProps): ReactNode {
  const id = fieldId(idPrefix, path);
  const helpId = `${id}-help`;
  const [draft, setDraft] = useState<string>(() => (field.type === 'json' ? JSON.stringify(value ?? null, null, 2) : display(value)));
  const [error, setError] = useState<string | undefined>();
  // The model changed elsewhere (undo, JSON tab, a quick fix): show it, drop a stale error.
  useEffect(() => {
    setDraft(field.type === 'json' ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : display(value));
    setError(undefined);
  }, [value, field.type]);

  const apply = (next: unknown) => setError(commit(path, next));
  const hasFinding = (findings?.get(pathKey(path))?.length ?? 0) > 0;
  const describedBy = [field.description ? helpId : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const text = label ?? field.label;
  const common = {
    id,
    'data-path': pathKey(path),
    'aria-invalid': error !== undefined || hasFinding ? true : undefined,
    'aria-describedby': describedBy,
  } as const;

  let control: ReactNode;
  switch (field.type) {
    case 'checkbox':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => apply(e.target.checked)} />;
      break;
    case 'select':
      control = (
        <select
          {...common}
          value={display(value)}
          onChange={(e) => {
            const raw = e.target.value;
            if (raw === '') return apply(undefined);
            const opt = field.options.find((o) => String(o) === raw);
            apply(opt ?? raw);
          }}
        >
          {(!field.required || value === undefined) && <option value="">—</option>}
          {field.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          value={draft}
          placeholder={field.minimum !== undefined || field.maximum !== undefined ? `${field.minimum ?? ''}–${field.maximum ?? ''}` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            const n = parseNumberInput(e.target.value, field.integer);
            if (!n.ok) setError(n.reason);
            else apply(n.value);
          }}
        />
      );
      break;
    case 'json':
      control = (
        <textarea
          {...common}
          className="insp-json-field"
          rows={Math.min(8, Math.max(2, draft.split('\n').length))}
          value={draft}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            if (draft.trim() === '') return apply(undefined);
            try {
              apply(JSON.parse(draft));
            } catch {
              setError('not valid JSON');
            }
          }}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          value={draft}
          spellCheck={false}
          onChange={(e) => {
            setDraft(e.target.value);
            apply(e.target.value === '' && !field.required ? undefined : e.target.value);
          }}
        />
      );
  }

  return (
    <div className={`insp-field insp-field-${field.type}${error ? ' has-error' : ''}`}>
      <label htmlFor={id} title={path.join('.')}>
        {text}
        {field.required && field.key !== '' && (
          <span className="insp-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {field.deprecated && <span className="insp-deprecated"> (deprecated)</span>}
      </label>
      {control}
      {error && (
        <div id={`${id}-error`} className="insp-error" role="alert">
          {error}
        </div>
      )}
      <FieldFindings findings={findings} path={path} />
      {field.description && (
        <div id={helpId} className="insp-help">
          {field.description}
        </div>
      )}
    </div>
  );
}

function Group({ legend, field, children, actions }: { legend: string; field: FormField; children: ReactNode; actions?: ReactNode }): ReactNode {
  return (
    <fieldset className="insp-group">
      <legend>
        <span>
          {legend}
          {field.required && <span className="insp-required"> *</span>}
        </span>
        {actions}
      </legend>
      {field.description && <div className="insp-help insp-group-help">{field.description}</div>}
      {children}
    </fieldset>
  );
}

function ObjectField({ idPrefix, field, path, value, commit, findings, label }: FieldProps): ReactNode {
  if (field.type !== 'object') return null;
  return (
    <Group legend={label ?? field.label} field={field}>
      <FieldFindings findings={findings} path={path} />
      {field.fields.map((f) => (
        <Field key={f.key} idPrefix={idPrefix} field={f} path={[...path, f.key]} value={getIn(value, [f.key])} commit={commit} findings={findings} />
      ))}
    </Group>
  );
}

function ListField({ idPrefix, field, path, value, commit, findings, label }: FieldProps): ReactNode {
  const [error, setError] = useState<string | undefined>();
  if (field.type !== 'list') return null;
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const name = label ?? field.label;
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  const add = () => setError(commit(path, [...items, emptyValueOf(field.item)]));
  const remove = (i: number) => setError(commit(path, items.length === 1 ? undefined : items.filter((_, j) => j !== i)));
  return (
    <Group legend={name} field={field}>
      <FieldFindings findings={findings} path={path} />
      {items.length === 0 && <div className="insp-empty">None</div>}
      {items.map((item, i) =>
        isScalarField(field.item) ? (
          <div key={i} className="insp-row">
            <Field idPrefix={idPrefix} field={field.item} path={[...path, i]} value={item} commit={commit} findings={findings} label={`${name} ${i + 1}`} />
            <button type="button" className="insp-icon-button" aria-label={`Remove ${name} ${i + 1}`} title="Remove" onClick={() => remove(i)}>
              ×
            </button>
          </div>
        ) : (
          <div key={i} className="insp-item">
            <Field
              idPrefix={idPrefix}
              field={field.item}
              path={[...path, i]}
              value={item}
              commit={commit}
              findings={findings}
              label={`${name} ${i + 1}`}
            />
            <button type="button" className="insp-icon-button insp-item-remove" aria-label={`Remove ${name} ${i + 1}`} title="Remove" onClick={() => remove(i)}>
              ×
            </button>
          </div>
        ),
      )}
      <button type="button" className="insp-add" onClick={add} disabled={full} aria-label={`Add ${name}`}>
        + Add
      </button>
      {error && (
        <div className="insp-error" role="alert">
          {error}
        </div>
      )}
    </Group>
  );
}

function newKey(existing: readonly string[], pattern: string | undefined): string {
  const base = pattern?.startsWith('^ECS_') ? 'ECS_NEW_SETTING' : 'key';
  let k = base;
  for (let n = 2; existing.includes(k); n++) k = `${base}_${n}`;
  return k;
}

function MapField({ idPrefix, field, path, value, commit, findings, label }: FieldProps): ReactNode {
  const [error, setError] = useState<string | undefined>();
  const uid = useId();
  if (field.type !== 'map') return null;
  const map = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(map);
  const name = label ?? field.label;
  const rename = (from: string, to: string) => {
    if (to === from) return;
    if (to in map) return setError(`"${to}" is already set`);
    setError(commit(path, Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v]))));
  };
  return (
    <Group legend={name} field={field}>
      <FieldFindings findings={findings} path={path} />
      {entries.length === 0 && <div className="insp-empty">None</div>}
      {entries.map(([k, v], i) => (
        <div key={`${uid}-${i}`} className="insp-kv">
          <KeyInput label={`${name} key ${i + 1}`} value={k} onCommit={(to) => rename(k, to)} pattern={field.keyPattern} />
          <Field idPrefix={idPrefix} field={field.value} path={[...path, k]} value={v} commit={commit} findings={findings} label={`Value of ${k}`} />
          <button
            type="button"
            className="insp-icon-button"
            aria-label={`Remove ${k}`}
            title="Remove"
            onClick={() => setError(commit(path, entries.length === 1 ? undefined : Object.fromEntries(entries.filter(([x]) => x !== k))))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="insp-add" aria-label={`Add ${name} entry`} onClick={() => setError(commit(path, { ...map, [newKey(Object.keys(map), field.keyPattern)]: emptyValueOf(field.value) }))}>
        + Add
      </button>
      {error && (
        <div className="insp-error" role="alert">
          {error}
        </div>
      )}
    </Group>
  );
}

/** A map key: renamed on blur or Enter (renaming on every keystroke would move the value around). */
function KeyInput({ label, value, onCommit, pattern }: { label: string; value: string; onCommit: (v: string) => void; pattern: string | undefined }): ReactNode {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const done = () => {
    if (draft === '' || (pattern !== undefined && !new RegExp(pattern).test(draft))) setDraft(value);
    else onCommit(draft);
  };
  return (
    <input
      className="insp-key"
      aria-label={label}
      value={draft}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={done}
      onKeyDown={(e) => {
        if (e.key === 'Enter') done();
      }}
    />
  );
}
