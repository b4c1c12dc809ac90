"use client";

// A bar chart of one or two series, drawn with Recharts. Loaded only on the dashboard, after the
// page (chart.tsx): the figures are in the table beside each chart, which is its text alternative,
// so the chart itself is an image with nothing to focus inside (no keyboard layer).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartFormat = "count" | "money" | "percent";
export type ChartSeries = { key: string; label: string; format: ChartFormat };
export type ChartProps = {
  data: Record<string, string | number | null>[];
  /** The field of each datum that names its bar. */
  category: string;
  series: ChartSeries[];
  currency: string;
};

// Both pass 4.5:1 against white (axis labels) and 3:1 as adjacent fills.
const COLOURS = ["#4338ca", "#0f766e"];

const formatter = (format: ChartFormat, currency: string) => (value: unknown) => {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return "—";
  if (format === "percent") return `${Math.round(n * 1000) / 10}%`;
  if (format === "money")
    return new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(n);
  return n.toLocaleString("en-US");
};

export default function DashboardBarChart({ data, category, series, currency }: ChartProps) {
  const first = series[0]!;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e7e7ea" vertical={false} />
        <XAxis dataKey={category} tick={{ fill: "#52525b", fontSize: 12 }} interval={0} />
        <YAxis tick={{ fill: "#52525b", fontSize: 12 }} tickFormatter={formatter(first.format, currency)} width={64} />
        <Tooltip formatter={(value, name) => [formatter(series.find((s) => s.label === name)?.format ?? first.format, currency)(value), name]} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12, color: "#52525b" }} /> : null}
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
