import type { ReactNode } from 'react';

export interface DialogConfirm {
  label: ReactNode;
  /** `alert` for what silences, pauses or closes something; `primary` otherwise. */
  tone: 'primary' | 'alert';
  disabled?: boolean;
  /** Left out in a form: the button then submits it. */
  onClick?: () => void;
  testId: string;
}

/**
 * A dialog's last lines, the same in every dialog: the refusal, if there is one, where the IC is
 * looking; then Cancel beside the one action the dialog is for (and, apart on the left, any extra).
 */
export function DialogActions({
  error,
  errorTestId,
  onCancel,
  cancel = 'Cancel',
  cancelTestId,
  extra,
  confirm,
}: {
  error: string | null;
  errorTestId?: string;
  onCancel: () => void;
  cancel?: ReactNode;
  cancelTestId?: string;
  extra?: ReactNode;
  confirm: DialogConfirm;
}) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div className="actions">
        {extra && (
          <>
            {extra}
            <span className="spacer" />
          </>
        )}
        <button type="button" className="btn" onClick={onCancel} data-testid={cancelTestId}>
          {cancel}
        </button>
        <button
          type={confirm.onClick ? 'button' : 'submit'}
          className={`btn btn-${confirm.tone}`}
          disabled={confirm.disabled}
          onClick={confirm.onClick}
          data-testid={confirm.testId}
        >
          {confirm.label}
        </button>
      </div>
    </>
  );
}
