import { useAppInfo, useAppInfoError, useConnection } from '../state/app-info';
import { useNow } from '../hooks/useNow';
import { zoneName } from '../logic/format';
import { usePolicyLoaded } from '../state/policy';
import { DetectionStatus } from './detection/DetectionStatus';

const CONNECTION_TEXT = { open: 'live', connecting: 'connecting…', closed: 'offline — reconnecting' } as const;

export function StatusBar() {
  const info = useAppInfo();
  const infoError = useAppInfoError();
  const connection = useConnection();
  const policyLoaded = usePolicyLoaded();
  const now = useNow(60_000);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`conn conn-${connection}`} data-testid="connection-state">
        ● {CONNECTION_TEXT[connection]}
      </span>
      {info ? (
        <>
          <span data-testid="app-mode">{info.mode} mode</span>
          <span title="Data directory" data-testid="data-dir">
            data: {info.dataDir}
          </span>
          <span data-testid="status-operator">operator: {info.operator}</span>
          <span data-testid="status-zone">times: {zoneName(now)}</span>
          <span>v{info.version}</span>
        </>
      ) : (
        <span>{infoError ? `app info unavailable: ${infoError}` : 'loading app info…'}</span>
      )}
      {!policyLoaded && <span className="muted">policy: seed defaults</span>}
      <DetectionStatus />
    </footer>
  );
}
