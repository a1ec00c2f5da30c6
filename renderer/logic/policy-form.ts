import { policyInput } from '../../shared/contract/schemas';
import { SEVERITIES, type Severity } from '../../shared/domain/severity';
import { ESCALATION_LEVELS, type EscalationLevel, type SeverityPolicy } from '../../shared/policy/severity-policy';
import { splitList } from './format';

/** The policy as typed: strings, so a rejected value stays in its field. Blank = "never" where the policy allows it. */
export interface PolicyForm {
  rules: Record<Severity, { responseSlaMin: string; escalationMin: string; channels: string; updateCadenceMin: string }>;
  matrix: { fromMin: string; engage: Record<Severity, EscalationLevel | ''> }[];
}

/** Errors by field path: `SEV1.responseSlaMin`, `matrix.2.fromMin`, or `form` for the whole. */
export type PolicyErrors = Record<string, string>;

const MAX_MIN = 10_080;

export function policyFormFrom(p: SeverityPolicy): PolicyForm {
  const rules = {} as PolicyForm['rules'];
  for (const s of SEVERITIES) {
    const r = p.rules[s];
    rules[s] = {
      responseSlaMin: String(r.responseSlaMin),
      escalationMin: r.escalationMin === null ? '' : String(r.escalationMin),
      channels: r.notificationChannels.join(', '),
      updateCadenceMin: r.updateCadenceMin === null ? '' : String(r.updateCadenceMin),
    };
  }
  const matrix = p.escalationMatrix.map((step) => {
    const engage = {} as Record<Severity, EscalationLevel | ''>;
    for (const s of SEVERITIES) engage[s] = step.engage[s] ?? '';
    return { fromMin: String(step.fromMin), engage };
  });
  return { rules, matrix };
}

function minutes(text: string, what: string, optional: boolean, errors: PolicyErrors, key: string, min = 1, max = MAX_MIN): number | null {
  const t = text.trim();
  if (t === '' && optional) return null;
  const n = t === '' ? Number.NaN : Number(t);
  if (!Number.isInteger(n) || n < min || n > max) {
    errors[key] = `${what} must be a whole number of minutes from ${min} to ${max}${optional ? ', or blank for none' : ''}.`;
  }
  return n;
}

/** Checks the form field by field, then with the contract's own schema (which main applies again). */
export function buildPolicy(
  form: PolicyForm,
): { ok: true; policy: Pick<SeverityPolicy, 'rules' | 'escalationMatrix'> } | { ok: false; errors: PolicyErrors } {
  const errors: PolicyErrors = {};
  const rules = {} as Record<Severity, SeverityPolicy['rules'][Severity]>;
  for (const s of SEVERITIES) {
    const f = form.rules[s];
    rules[s] = {
      responseSlaMin: minutes(f.responseSlaMin, `${s} response SLA`, false, errors, `${s}.responseSlaMin`) ?? 0,
      escalationMin: minutes(f.escalationMin, `${s} escalation time`, true, errors, `${s}.escalationMin`),
      notificationChannels: splitList(f.channels),
      updateCadenceMin: minutes(f.updateCadenceMin, `${s} update cadence`, true, errors, `${s}.updateCadenceMin`),
    };
  }
  const escalationMatrix = form.matrix.map((step, i) => {
    const engage = {} as Record<Severity, EscalationLevel | null>;
    for (const s of SEVERITIES) engage[s] = ESCALATION_LEVELS.find((l) => l === step.engage[s]) ?? null;
    return { fromMin: minutes(step.fromMin, `Step ${i + 1} start`, false, errors, `matrix.${i}.fromMin`, 0, 100_000) ?? 0, engage };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = policyInput.safeParse({ rules, escalationMatrix });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, errors: { form: issue ? `${issue.path.join('.') || 'policy'}: ${issue.message}` : 'The policy is not valid.' } };
  }
  // The form edits rules and matrix; the response-clock start is set elsewhere (Operator and time) and kept by main.
  return { ok: true, policy: { rules: parsed.data.rules, escalationMatrix: parsed.data.escalationMatrix } };
}
