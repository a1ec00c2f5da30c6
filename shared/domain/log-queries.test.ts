import { describe, expect, it } from 'vitest';
import { emptyResultHint, errorRateQuery, pickServiceLabel, selectorLabels, serviceLinesQuery } from './log-queries';

describe('pickServiceLabel', () => {
  it('keeps the preferred label when the source has it', () => {
    expect(pickServiceLabel(['app', 'job', 'namespace'], 'namespace')).toBe('namespace');
  });
  it('otherwise takes the most specific service label present', () => {
    expect(pickServiceLabel(['app', 'cluster', 'pod'], 'job')).toBe('app');
    expect(pickServiceLabel(['job', 'level', 'namespace', 'node'])).toBe('job');
    expect(pickServiceLabel(['service_name', 'app'])).toBe('service_name');
  });
  it('falls back to a label that is not a level, host or pod, and to null', () => {
    expect(pickServiceLabel(['cluster', 'component', 'level', 'pod'])).toBe('component');
    expect(pickServiceLabel(['cluster', 'level', 'pod', '__stream_shard__'])).toBeNull();
    expect(pickServiceLabel([])).toBeNull();
  });
});

describe('default queries from a label', () => {
  it('matches services by their first word on the chosen label', () => {
    expect(serviceLinesQuery('app', ['Echo UI', 'OCR', 'workers'])).toBe('{app=~"(?i).*(echo|ocr|workers).*"}');
    expect(serviceLinesQuery('job', ['ocr")|{a=~".*'])).toBe('{job=~"(?i).*(ocr).*"}');
  });
  it('drops duplicates and never builds a regex from characters a user typed', () => {
    expect(serviceLinesQuery('job', ['echo', 'Echo UI', '!!', 'x'])).toBe('{job=~"(?i).*(echo).*"}');
  });
  it('falls back to error lines when no service name is usable', () => {
    expect(serviceLinesQuery('app', ['!!', 'x'])).toMatch(/^\{app=~"\.\+"\} \|~ "\(\?i\)\(error\|/);
  });
  it('groups the error rate by the label', () => {
    expect(errorRateQuery('service_name')).toMatch(
      /^sum by \(service_name\) \(count_over_time\(\{service_name=~"\.\+"\} \|~ ".*oom-kill.*" \[1m\]\)\)$/,
    );
  });
});

describe('emptyResultHint', () => {
  it('names the selector labels no stream carries, and the labels there are', () => {
    expect(selectorLabels('{job=~"(?i).*(echo).*", namespace!="x"} |= "a=b"')).toEqual(['job', 'namespace']);
    expect(emptyResultHint('{job=~".+"} |~ "error"', ['app', 'cluster', 'pod'])).toBe(
      "No stream has the label job; this Loki's streams are labelled app, cluster, pod.",
    );
  });
  it('lists the labels when the selector was right but nothing matched', () => {
    expect(emptyResultHint('{app="echo"} |= "boom"', ['app', 'pod'])).toBe(
      "This Loki's streams are labelled app, pod; none of them matched this query in this window.",
    );
  });
  it('says nothing about a Loki without streams', () => {
    expect(emptyResultHint('{app="echo"}', [])).toBeNull();
  });
});
