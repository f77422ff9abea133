// Every recharts import lives in this module, so recharts ships in a lazy chunk of its own.
// Drawings are decorative for assistive technology: each sits in a role="img" box with an
// aria-label, and the same data is in a table beside it (see ChartFigure).
import type { ReactElement } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact, formatInteger, formatLatencySeconds, formatMoney, shortenLabel } from '../format';

export const COLORS = {
  success: '#2e8b57',
  error: '#d64545',
  cost: '#7b5cd6',
  latency: '#1f77b4',
  category: '#2f6fdb',
  rating: '#d99a00',
  threat: '#c2410c',
} as const;

const HEIGHT = 260;
const INITIAL = { width: 640, height: HEIGHT };
const AXIS_TICK = { fontSize: 12, fill: 'currentColor' };
const TOOLTIP_STYLE = { color: '#1d2433' };

const countFormatter = (value: unknown) => formatInteger(Number(value));
// Long category names (model ids) are shortened on the axis; the table and tooltip keep them whole.
const axisLabel = (value: unknown) => shortenLabel(String(value), 20);

function Frame({ children, height = HEIGHT }: { children: ReactElement; height?: number }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ ...INITIAL, height }}>
      {children}
    </ResponsiveContainer>
  );
}

export interface RequestsPoint {
  label: string;
  success: number;
  error: number;
}

export function RequestsChart({ data }: { data: RequestsPoint[] }) {
  return (
    <Frame>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatCompact(v)} width={48} allowDecimals={false} />
        <Tooltip formatter={countFormatter} contentStyle={TOOLTIP_STYLE} />
        <Legend itemSorter={(item) => (item.dataKey === 'success' ? 0 : 1)} />
        <Bar dataKey="success" name="Success" stackId="requests" fill={COLORS.success} isAnimationActive={false} />
        <Bar dataKey="error" name="Error" stackId="requests" fill={COLORS.error} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function CostChart({ data }: { data: { label: string; cost: number }[] }) {
  return (
    <Frame>
      <AreaChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatMoney(v)} width={64} />
        <Tooltip formatter={(value) => formatMoney(Number(value))} contentStyle={TOOLTIP_STYLE} />
        <Area
          type="monotone"
          dataKey="cost"
          name="Cost"
          stroke={COLORS.cost}
          fill={COLORS.cost}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
      </AreaChart>
    </Frame>
  );
}

export function LatencyChart({ data }: { data: { label: string; latency: number }[] }) {
  return (
    <Frame>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatLatencySeconds(v)} width={64} />
        <Tooltip formatter={(value) => formatLatencySeconds(Number(value))} contentStyle={TOOLTIP_STYLE} />
        <Line
          type="monotone"
          dataKey="latency"
          name="Avg latency"
          stroke={COLORS.latency}
          strokeWidth={2}
          dot={data.length <= 31}
          isAnimationActive={false}
        />
      </LineChart>
    </Frame>
  );
}

export interface CategoryPoint {
  name: string;
  value: number;
}

interface CategoryChartProps {
  data: CategoryPoint[];
  color: string;
  valueName: string;
  /** Long names (models, countries) read better as horizontal bars. */
  horizontal?: boolean;
}

export function CategoryChart({ data, color, valueName, horizontal = false }: CategoryChartProps) {
  if (horizontal) {
    const height = Math.max(120, data.length * 30 + 40);
    return (
      <Frame height={height}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} strokeOpacity={0.4} />
          <XAxis type="number" tick={AXIS_TICK} tickFormatter={(v: number) => formatCompact(v)} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={AXIS_TICK} width={150} interval={0} tickFormatter={axisLabel} />
          <Tooltip formatter={countFormatter} contentStyle={TOOLTIP_STYLE} />
          <Bar dataKey="value" name={valueName} fill={color} isAnimationActive={false} />
        </BarChart>
      </Frame>
    );
  }
  return (
    <Frame>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="name" tick={AXIS_TICK} interval={0} />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatCompact(v)} width={48} allowDecimals={false} />
        <Tooltip formatter={countFormatter} contentStyle={TOOLTIP_STYLE} />
        <Bar dataKey="value" name={valueName} fill={color} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
