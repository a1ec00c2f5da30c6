import { z } from 'zod';
import { personName } from '../../../shared/contract/schemas';
import { TIME_DISPLAYS, type Preferences, type TimeDisplay } from '../../../shared/domain/preferences';
import type { SettingsRepo } from '../../store/settings-repo';

const OPERATOR_KEY = 'operator';
const TIME_DISPLAY_KEY = 'time-display';
const timeDisplay = z.enum(TIME_DISPLAYS);

export interface PreferencesDeps {
  settings: SettingsRepo;
  /** A name the shell was started with (PITWALL_OPERATOR, a test's option); used until one is saved. */
  explicitOperator: string | null;
  /** The OS user: the last resort, which the first-run prompt asks to replace. */
  osUser: () => string;
  onChanged?: () => void;
}

/**
 * The operator name and time display. The name is read on every event written, so it is cached
 * here and this service is the only writer: a name saved in settings is the next event's author.
 */
export class PreferencesService {
  private cached: Preferences | null = null;

  constructor(private readonly deps: PreferencesDeps) {}

  get(): Preferences {
    this.cached ??= this.read();
    return this.cached;
  }

  /** Who is acting now: the author of every event and new record. */
  operator(): string {
    return this.get().operator;
  }

  set(input: { operator?: string | undefined; timeDisplay?: TimeDisplay | undefined }): Preferences {
    if (input.operator !== undefined) this.deps.settings.write(OPERATOR_KEY, input.operator);
    if (input.timeDisplay !== undefined) this.deps.settings.write(TIME_DISPLAY_KEY, input.timeDisplay);
    this.cached = null;
    const next = this.get();
    this.deps.onChanged?.();
    return next;
  }

  private read(): Preferences {
    // Settings rows are as untrusted as a file: a hand-edited or damaged value falls back, it never becomes an author.
    const saved = personName.safeParse(this.deps.settings.read(OPERATOR_KEY));
    const display = timeDisplay.safeParse(this.deps.settings.read(TIME_DISPLAY_KEY));
    const explicit = personName.safeParse(this.deps.explicitOperator);
    const savedOperator = saved.success ? saved.data : null;
    const [operator, operatorSource] =
      savedOperator !== null
        ? ([savedOperator, 'saved'] as const)
        : explicit.success
          ? ([explicit.data, 'environment'] as const)
          : ([this.deps.osUser(), 'os-user'] as const);
    return { savedOperator, operator, operatorSource, timeDisplay: display.success ? display.data : 'utc' };
  }
}
