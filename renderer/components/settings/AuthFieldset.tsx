import type { AuthKind, SourceForm, SourceFormErrors } from '../../logic/source-form';
import { FieldError, invalid, STORED_PLACEHOLDER } from './fields';

export type Update = (change: (form: SourceForm) => SourceForm) => void;

const AUTH_LABEL: Record<AuthKind, string> = { none: 'None', basic: 'Basic (user name + password)', bearer: 'Bearer token' };

/** Secrets are write-only here: a stored one shows as a placeholder, and an empty field keeps it. */
export function AuthFieldset({ form, errors, update }: { form: SourceForm; errors: SourceFormErrors; update: Update }) {
  return (
    <fieldset className="form-section">
      <legend>Authentication</legend>
      <label>
        Method
        <select
          value={form.authKind}
          onChange={(e) => update((f) => ({ ...f, authKind: e.target.value as AuthKind }))}
          data-testid="source-field-authKind"
        >
          {(Object.keys(AUTH_LABEL) as AuthKind[]).map((k) => (
            <option key={k} value={k}>
              {AUTH_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      {form.authKind === 'basic' && (
        <div className="two-col">
          <label>
            User name
            <input
              value={form.username}
              onChange={(e) => update((f) => ({ ...f, username: e.target.value }))}
              autoComplete="off"
              data-testid="source-field-username"
              {...invalid(errors, 'username')}
            />
            <FieldError errors={errors} field="username" />
          </label>
          <label>
            Password
            <input
              type="password"
              value={form.password}
              onChange={(e) => update((f) => ({ ...f, password: e.target.value }))}
              placeholder={form.passwordStored ? STORED_PLACEHOLDER : ''}
              autoComplete="new-password"
              data-testid="source-field-password"
              data-stored={form.passwordStored}
              {...invalid(errors, 'password')}
            />
            <FieldError errors={errors} field="password" />
          </label>
        </div>
      )}
      {form.authKind === 'bearer' && (
        <label>
          Token
          <input
            type="password"
            value={form.token}
            onChange={(e) => update((f) => ({ ...f, token: e.target.value }))}
            placeholder={form.tokenStored ? STORED_PLACEHOLDER : 'sent as Authorization: Bearer …'}
            autoComplete="new-password"
            data-testid="source-field-token"
            data-stored={form.tokenStored}
            {...invalid(errors, 'token')}
          />
          <FieldError errors={errors} field="token" />
        </label>
      )}
      {form.authKind !== 'none' && (
        <p className="hint">Secrets are encrypted by Pitwall and never shown again; Pitwall only says whether one is stored.</p>
      )}
    </fieldset>
  );
}
