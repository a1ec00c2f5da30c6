import { openStore } from '../store/database';
import { IncidentRepo } from '../store/incidents/incident-repo';
import { PostmortemRepo } from '../store/postmortems/postmortem-repo';
import { newId } from '../core/ids';
import { SEVERITIES } from '../../shared/domain/severity';

/**
 * A data directory with `count` past incidents, each with notes, a handoff and a postmortem of a
 * few kilobytes, written straight through the repositories in one transaction (seeding 10,000
 * through the channels would take minutes and measure nothing we report). Words come from a fixed
 * vocabulary with a deterministic generator, so every run builds the same index; each incident also
 * carries one word of its own (`uniq<i>`) and every hundredth one the word `xidstorm`.
 */
const VOCAB = (
  'gpu memory fragmentation queue backlog worker restart ocr translation jupyter notebook vram oom kill ' +
  'pending active retry archived latency storage nfs minio saturation auth keycloak token expiry node ' +
  'drain reboot driver nvidia cuda allocation model reload staggered concurrency cap admission control ' +
  'alert page commander handoff rollback deploy canary timeout scheduler pod eviction tenant acme globex'
).split(' ');

function words(seed: number, n: number): string {
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(VOCAB[s % VOCAB.length] ?? 'gpu');
  }
  return out.join(' ');
}

function postmortem(i: number): string {
  return [
    `# Incident Postmortem: incident ${i}`,
    '## Executive Summary',
    words(i * 7 + 1, 60),
    '## Impact',
    `- **Services Impacted**: ocr, translation\n- **Duration**: ${(i % 90) + 5} minutes`,
    '## Timeline (all times in UTC)',
    '| Time | Event |\n|------|-------|',
    ...Array.from({ length: 12 }, (_, k) => `| 10:${String(k * 4).padStart(2, '0')} | ${words(i * 31 + k, 10)} |`),
    '## Root Cause',
    `${words(i * 13 + 5, 120)} uniq${i}${i % 100 === 0 ? ' xidstorm' : ''}`,
    '## What Went Well',
    words(i * 17 + 3, 40),
    '## What Went Wrong',
    words(i * 19 + 9, 40),
    '## Lessons Learned',
    words(i * 23 + 11, 50),
  ].join('\n\n');
}

export function seedIncidents(dataDir: string, count: number, nowMs: number): void {
  const opened = openStore(dataDir);
  try {
    const incidents = new IncidentRepo(opened.db);
    const postmortems = new PostmortemRepo(opened.db);
    opened.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const declaredAt = nowMs - (count - i) * 3_600_000;
        const id = incidents.insert({
          ref: `INC-BENCH-${String(i).padStart(5, '0')}`,
          title: `Incident ${i}: ${words(i, 5)}`,
          summary: words(i * 3 + 2, 25),
          severity: SEVERITIES[i % SEVERITIES.length] ?? 'SEV3',
          services: ['ocr', 'translation'],
          tenants: ['acme'],
          impactStartedAt: declaredAt - 600_000,
          detectedAt: declaredAt - 120_000,
          declaredAt,
        });
        incidents.reindex(id);
        incidents.appendEvent({ incidentId: id, at: declaredAt, kind: 'declared', actor: 'bench', summary: `Declared incident ${i}` });
        for (let k = 0; k < 3; k++)
          incidents.appendNote({ incidentId: id, at: declaredAt + k * 60_000, actor: 'bench', summary: words(i * 41 + k, 15) });
        incidents.appendEvent({
          incidentId: id,
          at: declaredAt + 300_000,
          kind: 'handoff',
          actor: 'bench',
          summary: `Incident commander handed off from Dana to Lee — ${words(i * 43, 8)}`,
        });
        const body = postmortem(i);
        postmortems.insert({ id: newId(), incidentId: id, template: 'lecture', body, at: declaredAt + 3_600_000, author: 'bench' });
        incidents.update(id, declaredAt + 3_600_000, {
          status: 'closed',
          resolved_at: declaredAt + 1_800_000,
          closed_at: declaredAt + 3_600_000,
        });
      }
    })();
  } finally {
    opened.close();
  }
}
