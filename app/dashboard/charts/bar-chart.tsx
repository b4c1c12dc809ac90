"use client";

// A bar chart of one or two series, drawn with visx (SVG, no animation; docs/decisions/009). Loaded
// only on the dashboard, after the page (chart.tsx): the figures are in the table beside each chart,
// which is its text alternative, so the chart itself is an image with nothing to focus inside (the
// hover areas are plain SVG shapes, never in the tab order).
import { AxisBottom, AxisLeft } from "@visx/axis";
import { GridRows } from "@visx/grid";
import { Group } from "@visx/group";
import { useParentSize } from "@visx/responsive";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarRounded } from "@visx/shape";
import { TooltipWithBounds, useTooltip } from "@visx/tooltip";
import type { PointerEvent } from "react";

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
const INK_MUTED = "#52525b"; // 7.7:1 on white: tick labels
const GRID = "#e7e7ea";
const AXIS = "#d4d4d8";
const HOVER = "#f4f4f5";

const HEIGHT = 240;
const FONT_SIZE = 12;
const LINE_HEIGHT = 14;
/** A category's name takes at most this many lines under its bars; the rest ends in "…" (the table and the tooltip say it in full). */
const MAX_LINES = 3;
const TICK = 4;
const Y_TICKS = 5;
const MARGIN = { top: 8, right: 8 };

const formatter = (format: ChartFormat, currency: string) => (value: unknown) => {
  const n = typeof value === "number" ? value : Number(value);
  if (value === null || value === undefined || !Number.isFinite(n)) return "—";
  if (format === "percent") return `${Math.round(n * 1000) / 10}%`;
  if (format === "money")
    return new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(n);
  return n.toLocaleString("en-US");
};

const numberOf = (value: string | number | null | undefined): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

let canvas: CanvasRenderingContext2D | null | undefined;
/** The width in pixels of `text` in the page's font at the ticks' size (an estimate where canvas is missing). */
function textWidth(text: string): number {
  if (canvas === undefined) {
    canvas = document.createElement("canvas").getContext("2d");
    if (canvas) canvas.font = `${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  }
  return canvas ? canvas.measureText(text).width : text.length * FONT_SIZE * 0.6;
}

function truncate(line: string, width: number): string {
  if (textWidth(line) <= width) return line;
  let cut = line;
  while (cut.length > 1 && textWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A category's name in lines of at most `width` pixels, broken after spaces, "/" and "_" ("Deliver/Finalize",
 * "missing_functionality"), at most MAX_LINES of them; a line still too long is cut with "…".
 */
function wrapLabel(label: string, width: number): string[] {
  const pieces = label.split(/(?<=[\s/_])/);
  const lines: string[] = [];
  let line = "";
  for (const piece of pieces) {
    if (line && textWidth((line + piece).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > MAX_LINES)
    lines.splice(
      MAX_LINES - 1,
      lines.length,
      lines.slice(MAX_LINES - 1).reduce((a, b) => (/[/_]$/.test(a) ? a + b : `${a} ${b}`)),
    );
  return lines.map((l) => truncate(l, width));
}

type Hovered = { index: number };

function Bars({ width, data, category, series, currency }: ChartProps & { width: number }) {
  const { tooltipOpen, tooltipData, tooltipLeft, tooltipTop, showTooltip, hideTooltip } = useTooltip<Hovered>();
  const first = series[0]!;
  const yFormat = formatter(first.format, currency);
  const names = data.map((d) => String(d[category] ?? ""));

  const values = data.flatMap((d) => series.map((s) => numberOf(d[s.key]) ?? 0));
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  // Rounded to the same ticks as the axis shows, so that the top grid line is the top of the scale.
  const y = scaleLinear<number>({ domain: low === high ? [0, 1] : [low, high], nice: Y_TICKS });
  // Counts are whole: no tick at 0.5 deal.
  const yTicks = y.ticks(Y_TICKS).filter((t) => first.format !== "count" || Number.isInteger(t));
  const left = Math.ceil(Math.max(24, ...yTicks.map((t) => textWidth(yFormat(t))))) + TICK + 6;

  const x = scaleBand<string>({ domain: names.map((_, i) => String(i)), padding: 0.2 });
  x.range([0, Math.max(0, width - left - MARGIN.right)]);
  const labels = names.map((name) => wrapLabel(name, Math.max(16, x.step() - 4)));
  const lines = Math.max(1, ...labels.map((l) => l.length));
  const bottom = TICK + 6 + lines * LINE_HEIGHT;
  const innerHeight = HEIGHT - MARGIN.top - bottom;
  y.range([innerHeight, 0]);
  const inner = scaleBand<string>({ domain: series.map((s) => s.key), range: [0, x.bandwidth()], padding: series.length > 1 ? 0.1 : 0 });
  const zero = y(0);

  const hover = (index: number) => (event: PointerEvent<SVGRectElement>) => {
    // The tooltip is placed in CSS pixels; the SVG's units are the same unless its box was scaled.
    const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
    const scale = box && box.width > 0 ? box.width / width : 1;
    showTooltip({
      tooltipData: { index },
      tooltipLeft: (left + (x(String(index)) ?? 0) + x.bandwidth() / 2) * scale,
      tooltipTop: box ? event.clientY - box.top : MARGIN.top,
    });
  };

  const hovered = tooltipOpen && tooltipData ? tooltipData.index : null;
  return (
    <>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width="100%"
        className="block h-auto overflow-visible"
        aria-hidden="true"
        focusable="false"
        fontSize={FONT_SIZE}
      >
        <Group left={left} top={MARGIN.top}>
          <GridRows scale={y} width={x.range()[1]} tickValues={yTicks} stroke={GRID} />
          {hovered !== null ? (
            <rect x={(x(String(hovered)) ?? 0) - (x.step() - x.bandwidth()) / 2} y={0} width={x.step()} height={innerHeight} fill={HOVER} />
          ) : null}
          {data.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the bands are the data's positions (two categories may share a name)
            <Group key={i} left={x(String(i)) ?? 0}>
              {series.map((s, j) => {
                const value = numberOf(d[s.key]);
                if (value === null || value === 0) return null;
                const top = y(Math.max(0, value));
                const height = Math.abs(y(value) - zero);
                return (
                  <BarRounded
                    key={s.key}
                    x={inner(s.key) ?? 0}
                    y={top}
                    width={inner.bandwidth()}
                    height={Math.max(1, height)}
                    radius={3}
                    top={value > 0}
                    bottom={value < 0}
                    fill={COLOURS[j % COLOURS.length]}
                  />
                );
              })}
            </Group>
          ))}
          {low < 0 ? <line x1={0} x2={x.range()[1]} y1={zero} y2={zero} stroke="#a1a1aa" /> : null}
          <AxisLeft
            scale={y}
            tickValues={yTicks}
            tickFormat={(v) => yFormat(Number(v))}
            tickLength={TICK}
            stroke={AXIS}
            tickStroke={AXIS}
            tickLabelProps={{ fill: INK_MUTED, fontSize: FONT_SIZE, fontFamily: "inherit", textAnchor: "end", dx: -2, dy: "0.32em" }}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickLength={TICK}
            stroke={AXIS}
            tickStroke={AXIS}
            tickComponent={({ x: tx, formattedValue }) => (
              <text x={tx} y={TICK + 2} fill={INK_MUTED} fontSize={FONT_SIZE} textAnchor="middle">
                {labels[Number(formattedValue)]!.map((line, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a label's lines are fixed for a render
                  <tspan key={k} x={tx} dy={k === 0 ? "0.9em" : LINE_HEIGHT}>
                    {line}
                  </tspan>
                ))}
              </text>
            )}
          />
          {/* Hover areas, one per category, over everything: plain shapes, not focusable. */}
          {data.map((_, i) => (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: one area per category, in the data's order
              key={i}
              x={(x(String(i)) ?? 0) - (x.step() - x.bandwidth()) / 2}
              y={0}
              width={x.step()}
              height={innerHeight}
              fill="transparent"
              onPointerMove={hover(i)}
              onPointerLeave={hideTooltip}
            />
          ))}
        </Group>
      </svg>
      {hovered !== null ? (
        <TooltipWithBounds
          left={tooltipLeft}
          top={tooltipTop}
          unstyled
          applyPositionStyle
          className="pointer-events-none z-10 rounded-md border border-line bg-surface px-3 py-2 text-xs text-ink shadow-md"
        >
          <p className="mb-1 font-medium">{names[hovered]}</p>
          <ul>
            {series.map((s, j) => (
              <li key={s.key} className="flex items-center gap-2 tabular-nums">
                <Swatch colour={COLOURS[j % COLOURS.length]!} />
                <span className="text-ink-muted">{s.label}</span>
                <span className="ml-auto pl-2 font-medium">{formatter(s.format, currency)(data[hovered]![s.key])}</span>
              </li>
            ))}
          </ul>
        </TooltipWithBounds>
      ) : null}
    </>
  );
}

/** A colour key drawn in SVG, so that it prints (browsers leave CSS backgrounds out of print by default). */
function Swatch({ colour }: { colour: string }) {
  return (
    <svg width="10" height="10" aria-hidden="true" focusable="false" className="shrink-0">
      <rect width="10" height="10" rx="2" fill={colour} />
    </svg>
  );
}

export default function DashboardBarChart(props: ChartProps) {
  // The width of the column it sits in (the height is fixed); measured again whenever the column resizes.
  const { parentRef, width } = useParentSize({ ignoreDimensions: ["height", "top", "left"] });
  return (
    <div>
      <div ref={parentRef} className="relative" style={{ minHeight: width > 0 ? undefined : HEIGHT }}>
        {width > 0 ? <Bars {...props} width={width} /> : null}
      </div>
      {props.series.length > 1 ? (
        <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-ink-muted">
          {props.series.map((s, j) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <Swatch colour={COLOURS[j % COLOURS.length]!} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
