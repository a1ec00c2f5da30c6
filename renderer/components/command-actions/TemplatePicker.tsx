import type { TemplateId } from '../../../shared/command/templates';
import { useCommsSettings } from '../../state/command';

/** The comms template chooser, in the comms panel and the template editor alike; templates edited here say so. */
export function TemplatePicker({ value, onChange, testId }: { value: TemplateId; onChange: (id: TemplateId) => void; testId: string }) {
  const templates = useCommsSettings()?.templates ?? [];
  return (
    <label className="inline-field">
      <span className="label">Template</span>
      <select value={value} onChange={(e) => onChange(e.target.value as TemplateId)} data-testid={testId}>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.edited ? ' (edited)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
