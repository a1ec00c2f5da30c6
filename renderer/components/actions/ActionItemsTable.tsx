import type { ActionItem } from '../../../shared/domain/action-items';
import { ActionRow } from './ActionRow';

/** Action items as a table; `showIncident` adds the incident column for the page across incidents. */
export function ActionItemsTable({ items, now, showIncident }: { items: readonly ActionItem[]; now: number; showIncident: boolean }) {
  return (
    <table className="actions-table" data-testid="actions-table">
      <colgroup>
        {showIncident && <col className="col-incident" />}
        <col />
        <col className="col-owner" />
        <col className="col-ticket" />
        <col className="col-due" />
        <col className="col-status" />
      </colgroup>
      <thead>
        <tr>
          {showIncident && <th scope="col">Incident</th>}
          <th scope="col">Action</th>
          <th scope="col">Owner</th>
          <th scope="col">Ticket</th>
          <th scope="col">Due (UTC day)</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ActionRow key={item.id} item={item} now={now} showIncident={showIncident} />
        ))}
      </tbody>
    </table>
  );
}
