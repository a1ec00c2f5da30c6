import { create } from 'zustand';

/** The incident view's open tab, remembered per incident so switching incidents does not carry it over. */
const useTabStore = create<{ byIncident: Record<number, string> }>()(() => ({ byIncident: {} }));

export const useIncidentTab = (incidentId: number): string => useTabStore((s) => s.byIncident[incidentId] ?? 'command');

export function openIncidentTab(incidentId: number, tab: string): void {
  useTabStore.setState((s) => ({ byIncident: { ...s.byIncident, [incidentId]: tab } }));
}
