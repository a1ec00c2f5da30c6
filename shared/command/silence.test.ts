import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationProblem, formatMatchers, matchesAll, matcherProblems, proposeMatchers, toWire, type Matcher } from './silence';

const m = (name: string, op: Matcher['op'], value: string): Matcher => ({ name, op, value });

describe('matcherProblems', () => {
  it('refuses an empty set: it would silence every alert', () => {
    expect(matcherProblems([])[0]).toMatch(/every alert/);
  });

  it("refuses sets that match an empty label value (Alertmanager's own rule)", () => {
    expect(matcherProblems([m('alertname', '=~', '.*')])[0]).toMatch(/empty label value/);
    expect(matcherProblems([m('team', '=', '')])[0]).toMatch(/empty label value/);
  });

  it('refuses sets that accept any value', () => {
    expect(matcherProblems([m('alertname', '=~', '.+')])[0]).toMatch(/every alert/);
    expect(matcherProblems([m('alertname', '!=', 'Nope')])[0]).toMatch(/every alert|empty/);
  });

  it('refuses bad label names and bad regexes, naming the matcher', () => {
    expect(matcherProblems([m('1abc', '=', 'x')])[0]).toMatch(/Matcher 1: "1abc" is not a label name/);
    expect(matcherProblems([m('alertname', '=', 'A'), m('job', '=~', '(')])[0]).toMatch(
      /Matcher 2: "\(" is not a valid regular expression/,
    );
  });

  it('accepts a named alert, alone or narrowed', () => {
    expect(matcherProblems([m('alertname', '=', 'GPUMemHigh')])).toEqual([]);
    expect(matcherProblems([m('alertname', '=~', 'A|B'), m('cluster', '!=', 'prod')])).toEqual([]);
  });

  it('never accepts a set that matches alerts lacking all its labels', () => {
    const arb = fc.array(
      fc.record({
        name: fc.constantFrom('alertname', 'job', 'x'),
        op: fc.constantFrom('=', '!=', '=~', '!~'),
        value: fc.constantFrom('', 'a', '.*', '.+', 'a|b'),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(arb, (set) => {
        if (matcherProblems(set).length === 0) expect(matchesAll(set as Matcher[], {})).toBe(false);
      }),
    );
  });
});

describe('durationProblem', () => {
  it.each([
    [4, true],
    [5, false],
    [1440, false],
    [1441, true],
    [30.5, true],
  ])('%d minutes refused: %s', (min, refused) => {
    expect(durationProblem(min) !== null).toBe(refused);
  });
});

describe('proposeMatchers', () => {
  it("names the incident's alerts and narrows by the labels they share", () => {
    const alerts = [
      { labels: { alertname: 'GPUMemHigh', cluster: 'lab', node: 'gpu-node-01', playbook: 'gpu-oom' } },
      { labels: { alertname: 'OOMKilled', cluster: 'lab', node: 'gpu-node-02', playbook: 'gpu-oom' } },
    ];
    const proposed = proposeMatchers(alerts);
    expect(formatMatchers(proposed)).toBe('alertname=~"GPUMemHigh|OOMKilled", cluster="lab", playbook="gpu-oom"');
    expect(alerts.every((a) => matchesAll(proposed, a.labels))).toBe(true);
    expect(matchesAll(proposed, { alertname: 'GPUMemHigh', cluster: 'prod', playbook: 'gpu-oom' })).toBe(false);
  });

  it('escapes regex characters in alert names', () => {
    const proposed = proposeMatchers([{ labels: { alertname: 'a.b' } }, { labels: { alertname: 'c+d' } }]);
    expect(proposed[0]?.value).toBe('a\\.b|c\\+d');
    expect(matchesAll(proposed, { alertname: 'aXb' })).toBe(false);
  });

  it('proposes nothing when the incident has no alerts on record', () => {
    expect(proposeMatchers([])).toEqual([]);
  });
});

it("toWire writes Alertmanager's isRegex / isEqual", () => {
  expect(toWire(m('a', '!~', 'x'))).toEqual({ name: 'a', value: 'x', isRegex: true, isEqual: false });
  expect(toWire(m('a', '=', 'x'))).toEqual({ name: 'a', value: 'x', isRegex: false, isEqual: true });
});
