import type { PanelSources } from '../../shared/domain/telemetry';

const KIND_WORD: Readonly<Record<string, string>> = { prometheus: 'Prometheus', 'exporter-scrape': 'exporter', asynqmon: 'AsynqMon' };

export interface PanelSourceText {
  /** "from Prometheus 'prod'" for the shown snapshot; null when nothing is shown. */
  shown: string | null;
  /** The other sources that could fill the panel, for a hover title; null when there are none. */
  others: string | null;
}

/** Which source a panel shows, named when several could fill it, so a reader knows whose numbers these are. */
export function panelSourceText(panel: PanelSources | null | undefined, shownId: number | null): PanelSourceText {
  if (!panel || shownId === null) return { shown: null, others: null };
  const name = (c: PanelSources['candidates'][number]): string => `${KIND_WORD[c.kind] ?? c.kind} '${c.name}'`;
  const shown = panel.candidates.find((c) => c.sourceId === shownId);
  const others = panel.candidates.filter((c) => c.sourceId !== shownId).map(name);
  return {
    shown: shown ? `from ${name(shown)}` : null,
    others: others.length > 0 ? `Also able to fill this panel: ${others.join(', ')}` : null,
  };
}
