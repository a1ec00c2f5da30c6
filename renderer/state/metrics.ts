import { create } from 'zustand';
import type { MetricFigure, MetricsReport, MetricWindow } from '../../shared/domain/incident-metrics';
import { call, errorMessage } from '../api/client';

interface MetricsState {
  windowDays: MetricWindow;
  report: MetricsReport | null;
  error: string | null;
  /** The figure whose incidents are shown: group label + figure. */
  open: { group: string; figure: MetricFigure } | null;
}

const useMetricsStore = create<MetricsState>()(() => ({ windowDays: 90, report: null, error: null, open: null }));

export const useMetricsWindow = (): MetricWindow => useMetricsStore((s) => s.windowDays);
export const useMetricsReport = (): MetricsReport | null => useMetricsStore((s) => s.report);
export const useMetricsError = (): string | null => useMetricsStore((s) => s.error);
export const useOpenFigure = (): MetricsState['open'] => useMetricsStore((s) => s.open);

let seq = 0;

export async function loadMetrics(): Promise<void> {
  const mine = ++seq;
  try {
    const report = await call('metrics:get', { windowDays: useMetricsStore.getState().windowDays });
    if (mine === seq) useMetricsStore.setState({ report, error: null });
  } catch (err) {
    if (mine === seq) useMetricsStore.setState({ error: `Could not compute metrics: ${errorMessage(err)}` });
  }
}

export function setMetricsWindow(windowDays: MetricWindow): void {
  useMetricsStore.setState({ windowDays, open: null });
  void loadMetrics();
}

export function openFigure(group: string, figure: MetricFigure): void {
  useMetricsStore.setState({ open: { group, figure } });
}

export function closeFigure(): void {
  useMetricsStore.setState({ open: null });
}
