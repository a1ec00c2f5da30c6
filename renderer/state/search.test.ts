import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTimeDisplay } from '../logic/format';
import { dayBounds } from './search';

const filters = (from: string, to: string) => ({ severities: [], statuses: [], from, to });

// A zone with daylight saving, so a local day can be 23 hours long.
beforeAll(() => {
  vi.stubEnv('TZ', 'America/New_York');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
afterEach(() => setTimeDisplay('utc'));

describe('dayBounds', () => {
  it('reads days in UTC by default, the whole of the "to" day included', () => {
    expect(dayBounds(filters('2025-01-31', '2025-02-01'))).toEqual({ fromMs: Date.UTC(2025, 0, 31), toMs: Date.UTC(2025, 1, 2) - 1 });
  });

  it('reads days in local time once the display is local, like every other time input', () => {
    setTimeDisplay('local');
    // 9 March 2025 is the day New York moves to daylight saving time: 23 hours long.
    expect(dayBounds(filters('2025-03-09', '2025-03-09'))).toEqual({
      fromMs: Date.UTC(2025, 2, 9, 5),
      toMs: Date.UTC(2025, 2, 10, 4) - 1,
    });
  });

  it('says in words when a day is not a day, naming the zone it is read in', () => {
    expect(dayBounds(filters('tomorrow', ''))).toEqual({ error: 'From: write a day as YYYY-MM-DD (UTC), for example 2025-01-31.' });
    expect(dayBounds(filters('2025-02-30', ''))).toHaveProperty('error');
    expect(dayBounds(filters('2025-02-02', '2025-02-01'))).toEqual({ error: 'The "from" day is after the "to" day.' });
  });
});
