/** The platform's own API gateway and auth counters (not a third-party exporter; names are Pitwall's defaults). */
import type { AuthProvider } from '../sim/types.js';
import type { World } from '../sim/world.js';
import { family, type Family } from './text-format.js';

const PROVIDERS: readonly AuthProvider[] = ['local', 'keycloak', 'ad'];

export function gatewayFamilies(world: World): Family[] {
  const requests = family(
    'gateway_http_requests_total',
    'counter',
    'HTTP requests through the API gateway by upstream service and status code.',
  );
  const failures = family('auth_token_validation_failures_total', 'counter', 'Bearer tokens that failed validation, by identity provider.');
  const up = family('auth_provider_up', 'gauge', 'Whether the identity provider answered its last health check.');
  for (const key of Object.keys(world.auth.requests).sort()) {
    const [service = '', code = ''] = key.split('|');
    requests.samples.push({ labels: { code, service }, value: world.auth.requests[key] ?? 0 });
  }
  for (const p of PROVIDERS) {
    failures.samples.push({ labels: { provider: p }, value: world.auth.validationFailures[p] });
    up.samples.push({ labels: { provider: p }, value: world.auth.providerUp[p] ? 1 : 0 });
  }
  return [requests, failures, up];
}
