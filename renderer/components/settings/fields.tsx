import type { SourceFormErrors } from '../../logic/source-form';

/** The inline error under a field; its id ties it to the input through aria-describedby. */
export function FieldError({ errors, field }: { errors: SourceFormErrors; field: string }) {
  const text = errors[field];
  if (!text) return null;
  return (
    <span id={`source-error-${field}`} className="field-error" data-testid={`source-error-${field}`}>
      {text}
    </span>
  );
}

/** aria props for an input whose field may have an error. */
export function invalid(errors: SourceFormErrors, field: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return errors[field] ? { 'aria-invalid': true, 'aria-describedby': `source-error-${field}` } : {};
}

export const STORED_PLACEHOLDER = '•••• stored (leave empty to keep)';
