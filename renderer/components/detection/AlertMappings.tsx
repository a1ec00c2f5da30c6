import { useState } from 'react';
import { BUILTIN_PLAYBOOK_IDS } from '../../../shared/playbooks/ids';
import type { DetectionSettings } from '../../../shared/detection/settings';
import type { Severity } from '../../../shared/domain/severity';
import { playbookName } from './suggestion-text';
import { SeverityOptions } from '../SeverityBadge';

interface Props {
  settings: DetectionSettings;
  onChange: (next: DetectionSettings) => void;
  errors: Record<string, string>;
}

const LABELS = ['critical', 'warning', 'info'] as const;

/**
 * Firing alerts become suggestions: matched to a playbook by their `playbook` label, or by a mapping
 * of alert names here (which wins); their `severity` label proposes a severity.
 */
export function AlertMappings({ settings, onChange, errors }: Props) {
  const [name, setName] = useState('');
  const [playbook, setPlaybook] = useState<string>(BUILTIN_PLAYBOOK_IDS[2]);
  const alerts = settings.alerts;
  const setLabel = (label: string, severity: Severity): void =>
    onChange({ ...settings, alerts: { ...alerts, severityByLabel: { ...alerts.severityByLabel, [label]: severity } } });
  const add = (): void => {
    const alert = name.trim();
    if (alert === '') return;
    onChange({ ...settings, alertMappings: [...settings.alertMappings.filter((m) => m.alert !== alert), { alert, playbookId: playbook }] });
    setName('');
  };
  const mappingError = Object.entries(errors).find(([k]) => k.startsWith('alertMappings'))?.[1];
  return (
    <fieldset className="rule-fields alert-mappings" data-testid="alert-mappings">
      <legend>
        <label className="rule-switch">
          <input
            type="checkbox"
            checked={alerts.enabled}
            onChange={(e) => onChange({ ...settings, alerts: { ...alerts, enabled: e.target.checked } })}
            data-testid="alerts-enabled"
          />
          Firing Prometheus / Alertmanager alerts
        </label>
      </legend>
      <div className="alert-severities">
        {LABELS.map((label) => (
          <label key={label}>
            severity=&quot;{label}&quot; proposes
            <select
              value={alerts.severityByLabel[label] ?? alerts.otherSeverity}
              onChange={(e) => setLabel(label, e.target.value as Severity)}
            >
              <SeverityOptions />
            </select>
          </label>
        ))}
        <label>
          any other label
          <select
            value={alerts.otherSeverity}
            onChange={(e) => onChange({ ...settings, alerts: { ...alerts, otherSeverity: e.target.value as Severity } })}
          >
            <SeverityOptions />
          </select>
        </label>
      </div>
      <table className="mapping-table" data-testid="mapping-table">
        <caption className="muted">Alert names mapped to a playbook (wins over the alert&apos;s own playbook label)</caption>
        <tbody>
          {settings.alertMappings.map((m) => (
            <tr key={m.alert} data-testid="mapping-row">
              <td className="mono">{m.alert}</td>
              <td>→ {playbookName(m.playbookId)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  onClick={() => onChange({ ...settings, alertMappings: settings.alertMappings.filter((x) => x.alert !== m.alert) })}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="alert name, e.g. NodeDown"
                aria-label="Alert name to map"
                data-testid="mapping-alert"
              />
            </td>
            <td>
              <select
                value={playbook}
                onChange={(e) => setPlaybook(e.target.value)}
                aria-label="Playbook it opens"
                data-testid="mapping-playbook"
              >
                {BUILTIN_PLAYBOOK_IDS.map((id) => (
                  <option key={id} value={id}>
                    {playbookName(id)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <button type="button" className="btn btn-small" onClick={add} disabled={name.trim() === ''} data-testid="mapping-add">
                Map
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      {mappingError && <span className="field-error">{mappingError}</span>}
    </fieldset>
  );
}
