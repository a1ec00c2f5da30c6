/**
 * Per-workstation preferences: who is at this console (the author of every event and record) and how
 * times are written. Kept in the data directory's settings, so both shells and a restart agree.
 */

/** Every time on screen, inputs included, is written in one of these. */
export const TIME_DISPLAYS = ['utc', 'local'] as const;
export type TimeDisplay = (typeof TIME_DISPLAYS)[number];

/** Where the name events are attributed to comes from, most deliberate first. */
export type OperatorSource = 'saved' | 'environment' | 'os-user';

export interface Preferences {
  /** The name saved on this workstation (first run or settings); null until someone saves one. */
  savedOperator: string | null;
  /** Who events are attributed to now: the saved name, else PITWALL_OPERATOR (or the shell's option), else the OS user. */
  operator: string;
  operatorSource: OperatorSource;
  timeDisplay: TimeDisplay;
}
