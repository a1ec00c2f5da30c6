import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CountBucket } from '../../../shared/domain/incident-metrics';
import { SEVERITIES } from '../../../shared/domain/severity';
import { formatUtcDay } from '../../logic/format';

const SEV_COLOR = { SEV1: '#ff3b4e', SEV2: '#ff8a1f', SEV3: '#f2d024', SEV4: '#5ea8ff' } as const;

/** Incidents declared per week (or month), stacked by severity. */
export function CountsChart({ counts, bucket }: { counts: readonly CountBucket[]; bucket: 'week' | 'month' }) {
  const data = counts.map((c) => ({
    label: bucket === 'month' ? formatUtcDay(c.startMs).slice(0, 7) : formatUtcDay(c.startMs),
    ...c.bySeverity,
  }));
  return (
    <div className="counts-chart" data-testid="counts-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#2a3646" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" stroke="#9fb0c2" fontSize={11} />
          <YAxis allowDecimals={false} stroke="#9fb0c2" fontSize={11} width={32} />
          <Tooltip contentStyle={{ background: '#10161e', border: '1px solid #2a3646' }} cursor={{ fill: '#ffffff10' }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {SEVERITIES.map((s) => (
            <Bar key={s} dataKey={s} stackId="sev" fill={SEV_COLOR[s]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
