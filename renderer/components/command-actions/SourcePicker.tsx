import type { SourceView } from '../../../shared/domain/source-config';

/** The upstream a mitigation is sent to, each named with its health as last polled so a dead one is not picked unawares. */
export function SourcePicker({
  label,
  sources,
  value,
  onChange,
  testId,
}: {
  label: string;
  sources: readonly SourceView[];
  value: number | null;
  onChange: (id: number) => void;
  testId: string;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.health.state})
          </option>
        ))}
      </select>
    </label>
  );
}
