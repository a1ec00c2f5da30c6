import { useState } from 'react';
import type { SourceView } from '../../../shared/domain/source-config';
import { useNow } from '../../hooks/useNow';
import { useAppInfo } from '../../state/app-info';
import { closeSettings } from '../../state/route';
import { loadSources, useSources, useSourcesError, useSourcesLoaded } from '../../state/sources';
import { DeleteSourceDialog } from './DeleteSourceDialog';
import { SourceFormDialog } from './SourceFormDialog';
import { SourceRow } from './SourceRow';
import { SETTINGS_SECTIONS } from './settings-sections';

type Editing = { kind: 'add' } | { kind: 'edit'; view: SourceView } | null;

/** The Settings screen: what Pitwall polls and how each source is doing, then each domain's section (operator and time, retention…). */
export function SettingsView() {
  const sources = useSources();
  const loaded = useSourcesLoaded();
  const error = useSourcesError();
  const now = useNow(1_000);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<SourceView | null>(null);
  const info = useAppInfo();
  const down = sources.filter((s) => s.health.state === 'down').length;

  return (
    <div className="settings-view" data-testid="settings-view">
      <header className="settings-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">
            {sources.length === 0
              ? 'Where Pitwall reads telemetry from.'
              : `${sources.length} source${sources.length === 1 ? '' : 's'}${down > 0 ? ` · ${down} down` : ''}`}
          </p>
          {info && (
            <p className="muted" data-testid="secrets-at-rest">
              Passwords, tokens and secret headers are encrypted at rest: {info.secrets}.
            </p>
          )}
        </div>
        <div className="settings-head-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'add' })} data-testid="source-add">
            Add source
          </button>
          <button type="button" className="btn" onClick={closeSettings} data-testid="settings-close">
            Close
          </button>
        </div>
      </header>

      <section className="panel" aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        {error && (
          <p className="inline-error" role="alert" data-testid="sources-error">
            {error}{' '}
            <button type="button" className="btn btn-small" onClick={() => void loadSources()}>
              Retry
            </button>
          </p>
        )}
        {!loaded && <p className="muted">Loading sources…</p>}
        {loaded && !error && sources.length === 0 && (
          <p className="empty" data-testid="sources-empty">
            No sources yet. Add Prometheus, AsynqMon, Loki, Alertmanager or a DCGM exporter to watch.
          </p>
        )}
        <ul className="source-list" data-testid="source-list">
          {sources.map((s) => (
            <SourceRow key={s.id} view={s} now={now} onEdit={(view) => setEditing({ kind: 'edit', view })} onDelete={setDeleting} />
          ))}
        </ul>
      </section>

      {SETTINGS_SECTIONS.map(({ id, Section }) => (
        <Section key={id} />
      ))}

      {editing && (
        <SourceFormDialog
          key={editing.kind === 'edit' ? editing.view.id : 'add'}
          saved={editing.kind === 'edit' ? editing.view : null}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteSourceDialog view={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
