import type { InputHTMLAttributes } from 'react';
import { timeDisplay, zoneName } from '../../logic/format';
import '../../styles/time-input.css';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
};

/**
 * A time typed the way Pitwall writes times: "2025-11-22 14:05:12", 24-hour, in the display zone
 * named beside it. Not <input type="datetime-local">, whose picker follows the browser's locale
 * (12-hour in en-US) and is always local time, whatever the rest of the console shows.
 */
export function TimeInput({ value, onChange, testId, className, ...rest }: Props) {
  const utc = timeDisplay() === 'utc';
  return (
    <span className={`time-input ${className ?? ''}`}>
      <input
        type="text"
        inputMode="numeric"
        spellCheck={false}
        autoComplete="off"
        placeholder="YYYY-MM-DD HH:MM:SS"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
        {...rest}
      />
      <span className="time-zone muted" title={`Times are written in ${zoneName()}; change it in Settings.`}>
        {utc ? 'UTC' : 'local'}
      </span>
    </span>
  );
}
