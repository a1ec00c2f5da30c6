import { z } from 'zod';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEvent } from '../domain/incident';
import type { SeverityPolicy } from '../policy/severity-policy';
import { emptyInput, out } from './define';
import * as s from './schemas';

/** Incidents: declare, triage, roles, notes; and the severity policy they are run by. */
export const incidentChannels = {
  'incident:list': { input: s.listInput, output: out<IncidentSummary[]>() },
  'incident:get': { input: z.strictObject({ id: s.incidentId }), output: out<IncidentDetail>() },
  'incident:declare': { input: s.declareInput, output: out<Incident>() },
  'incident:set-severity': {
    input: z.strictObject({ id: s.incidentId, severity: s.severity, reason: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:set-status': {
    input: z.strictObject({ id: s.incidentId, status: s.status, reason: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:set-time': {
    input: z.strictObject({ id: s.incidentId, field: s.editableTime, at: s.epochMs.nullable() }),
    output: out<Incident>(),
  },
  'incident:acknowledge': { input: z.strictObject({ id: s.incidentId }), output: out<Incident>() },
  'incident:assign-role': {
    input: z.strictObject({ id: s.incidentId, role: s.role, person: s.personName, note: s.longText.default('') }),
    output: out<Incident>(),
  },
  'incident:edit': {
    input: z.strictObject({
      id: s.incidentId,
      title: s.title.optional(),
      summary: s.longText.optional(),
      services: s.nameList.optional(),
      tenants: s.nameList.optional(),
    }),
    output: out<Incident>(),
  },
  'incident:add-note': {
    input: z.strictObject({ id: s.incidentId, text: s.longText.trim().min(1, 'note must not be empty') }),
    output: out<TimelineEvent>(),
  },
  'policy:get': { input: emptyInput, output: out<SeverityPolicy>() },
  'policy:set': { input: s.policyInput, output: out<SeverityPolicy>() },
} as const;
