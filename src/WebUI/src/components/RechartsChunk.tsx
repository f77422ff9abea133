// Every recharts import lives in this module, so recharts ships in a lazy chunk of its own.
// Drawings are decorative for assistive technology: each sits in a role="img" box with an
// aria-label, and the same data is in a table beside it (see ChartFigure).
import type { ReactElement, ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact, formatInteger, formatLatencySeconds, formatMoney, niceTicks, shortenLabel } from '../format';

export const COLORS = {
  success: '#2e8b57',
  error: '#d64545',
  cost: '#7b5cd6',
  latency: '#1f77b4',
  p50: '#1f77b4',
  p95: '#e07b00',
  p99: '#b3261e',
  ttft: '#2e8b57',
  partial: '#8892a6',
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

/** Bar charts of buckets: a click on a bucket opens its request logs (the same links are in the table view). */
export interface BucketChartProps<T> {
  data: T[];
  /** The label of the current bucket, still filling up; marked "in progress". */
  partialLabel?: string;
  onBucketClick?: (index: number) => void;
}

function PartialMark({ label }: { label: string | undefined }) {
  if (!label) return null;
  return (
    <ReferenceArea
      x1={label}
      x2={label}
      fill={COLORS.partial}
      fillOpacity={0.15}
      strokeOpacity={0}
      label={{ value: 'in progress', position: 'insideTop', fontSize: 11, fill: 'currentColor' }}
      ifOverflow="extendDomain"
    />
  );
}

function maxOf(values: number[]): number {
  return values.reduce((max, value) => (value > max ? value : max), 0);
}

export interface RequestsPoint {
  label: string;
  success: number;
  error: number;
}

/** What the bucket bar charts share: the time axis, a value axis from 0 to a round top, the tooltip and the in-progress mark. */
function BucketBars<T>({
  data,
  partialLabel,
  top,
  axisFormat,
  valueFormat,
  axisWidth,
  legend,
  children,
}: {
  data: T[];
  partialLabel: string | undefined;
  top: number;
  axisFormat: (value: number) => string;
  valueFormat: (value: unknown) => string;
  axisWidth: number;
  legend?: ReactElement;
  children: ReactNode;
}) {
  const ticks = niceTicks(top);
  return (
    <Frame>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
        <YAxis tick={AXIS_TICK} tickFormatter={axisFormat} width={axisWidth} ticks={ticks} domain={[0, ticks[ticks.length - 1]!]} />
        <Tooltip formatter={valueFormat} contentStyle={TOOLTIP_STYLE} />
        {legend}
        <PartialMark label={partialLabel} />
        {children}
      </BarChart>
    </Frame>
  );
}

const bucketClick = (onBucketClick: ((index: number) => void) | undefined) =>
  onBucketClick ? (_: unknown, index: number) => onBucketClick(index) : undefined;

export function RequestsChart({ data, partialLabel, onBucketClick }: BucketChartProps<RequestsPoint>) {
  const click = bucketClick(onBucketClick);
  return (
    <BucketBars
      data={data}
      partialLabel={partialLabel}
      top={maxOf(data.map((d) => d.success + d.error))}
      axisFormat={formatCompact}
      valueFormat={countFormatter}
      axisWidth={48}
      legend={<Legend itemSorter={(item) => (item.dataKey === 'success' ? 0 : 1)} />}
    >
      <Bar dataKey="success" name="Success" aria-label="Success bar" stackId="requests" fill={COLORS.success} isAnimationActive={false} onClick={click} cursor={click && 'pointer'} />
      <Bar dataKey="error" name="Error" aria-label="Error bar" stackId="requests" fill={COLORS.error} isAnimationActive={false} onClick={click} cursor={click && 'pointer'} />
    </BucketBars>
  );
}

/** Cost per bucket as bars: a sum per bucket, not a quantity between buckets, so no smoothed area. */
export function CostChart({ data, partialLabel, onBucketClick }: BucketChartProps<{ label: string; cost: number }>) {
  const click = bucketClick(onBucketClick);
  return (
    <BucketBars
      data={data}
      partialLabel={partialLabel}
      top={maxOf(data.map((d) => d.cost))}
      axisFormat={formatMoney}
      valueFormat={(value) => formatMoney(Number(value))}
      axisWidth={64}
    >
      <Bar dataKey="cost" name="Cost" aria-label="Cost bar" fill={COLORS.cost} isAnimationActive={false} onClick={click} cursor={click && 'pointer'} />
    </BucketBars>
  );
}

/** Seconds per bucket; null where a bucket had no requests, which leaves a gap instead of a drop to 0. */
export interface LatencyPoint {
  label: string;
  latency: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  ttft: number | null;
}

const LATENCY_LINES = [
  { key: 'p50', name: 'p50', color: COLORS.p50, dash: undefined },
  { key: 'p95', name: 'p95', color: COLORS.p95, dash: undefined },
  { key: 'p99', name: 'p99', color: COLORS.p99, dash: undefined },
  { key: 'ttft', name: 'Time to first token (avg)', color: COLORS.ttft, dash: '5 3' },
] as const;

export function LatencyChart({ data, partialLabel, percentiles }: { data: LatencyPoint[]; partialLabel?: string; percentiles: boolean }) {
  const lines = percentiles ? LATENCY_LINES : ([{ key: 'latency', name: 'Avg latency', color: COLORS.latency, dash: undefined }] as const);
  const ticks = niceTicks(maxOf(data.flatMap((d) => lines.map((line) => d[line.key] ?? 0))));
  return (
    <Frame>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatLatencySeconds(v)} width={64} ticks={ticks} domain={[0, ticks[ticks.length - 1]!]} />
        <Tooltip formatter={(value) => formatLatencySeconds(value === null ? null : Number(value))} contentStyle={TOOLTIP_STYLE} />
        {lines.length > 1 && <Legend />}
        <PartialMark label={partialLabel} />
        {lines.map((line) => (
          <Line
            key={line.key}
            type="linear"
            dataKey={line.key}
            name={line.name}
            aria-label={`${line.name} line`}
            stroke={line.color}
            strokeDasharray={line.dash}
            strokeWidth={2}
            dot={data.length <= 31}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
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
          <Bar dataKey="value" name={valueName} aria-label={`${valueName} bar`} fill={color} isAnimationActive={false} />
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
        <Bar dataKey="value" name={valueName} aria-label={`${valueName} bar`} fill={color} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
