import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { MICROS_PER_USD } from '../../../../contract/costs.ts';
import { axisUsd, usd } from './format.ts';

/**
 * A bar chart on uPlot: a maintained, dependency-free canvas chart library (about 50 KB) that
 * draws a 90-day series or a long category list without a DOM node per bar, and sets its styles
 * through the DOM, which the app's strict CSP allows. Colours come from the theme's custom
 * properties and are re-read when the theme changes; axis amounts and the hover legend follow
 * the language in force (the chart is drawn again when it changes).
 *
 * The canvas says nothing to a screen reader: `label` names the chart, and every chart in the
 * Costs section sits next to a table or a summary with the same numbers.
 */
interface BarChartProps {
  label: string;
  /** One per bar: shown in the hover legend. */
  categories: string[];
  /** Axis text for a bar (defaults to its category). */
  tick?: (index: number) => string;
  /** Micro-dollars per bar. */
  values: number[];
  /** Bars drawn in the warning colour (spike days). */
  highlight?: boolean[];
  height?: number;
  testId?: string;
}

function themeColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    bar: read('--accent', '#2f6fde'),
    highlight: read('--warning', '#9a5b00'),
    text: read('--muted', '#5d6673'),
    grid: read('--border', '#dde1e6'),
    // The page's own font stack, so axis text in Korean uses the same Hangul font as the rest.
    font: `12px ${style.fontFamily || 'system-ui, sans-serif'}`,
  };
}

let measuring: CanvasRenderingContext2D | null = null;

/**
 * A value axis as wide as its widest label: "US$1.2천" needs more room than "$1.2K", and a fixed
 * width clipped it. Tick length and gap are uPlot's defaults (10 and 5).
 */
function fitWidth(font: string): uPlot.Axis.Size {
  return (_u, values) => {
    measuring ??= document.createElement('canvas').getContext('2d');
    if (!measuring) return 56;
    measuring.font = font;
    const widest = Math.max(0, ...(values ?? []).map((text) => measuring!.measureText(text).width));
    return Math.ceil(widest) + 10 + 5 + 4;
  };
}

/** A number that changes whenever the page's theme may have: <html data-theme> or the OS scheme. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

export function BarChart({ label, categories, tick, values, highlight, height = 220, testId }: BarChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  const intl = useIntl();

  useEffect(() => {
    const element = container.current!;
    const colours = themeColours();
    const xs = values.map((_, i) => i);
    const dollars = values.map((v) => v / MICROS_PER_USD);
    // A day without spend draws no bar (a zero-height bar would read as a dash).
    const normal = dollars.map((v, i) => (highlight?.[i] || v === 0 ? null : v));
    const marked = dollars.map((v, i) => (highlight?.[i] ? v : null));
    // The spike series (and its legend entry) only when there is a spike to show.
    const hasHighlight = highlight?.some(Boolean) ?? false;
    const bars = uPlot.paths.bars!({ size: [0.72, 56], gap: 2, radius: 0.15 });
    const axis = {
      stroke: colours.text,
      font: colours.font,
      grid: { stroke: colours.grid, width: 1 },
      ticks: { stroke: colours.grid, width: 1 },
    };
    const amount = (v: number | null) => (v === null ? '–' : usd(Math.round(v * MICROS_PER_USD), intl));
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height,
        legend: { show: true, live: true },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.6, Math.max(0, values.length - 1) + 0.6] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          {
            ...axis,
            grid: { show: false },
            gap: 4,
            splits: () => xs,
            values: (_u, splits) =>
              splits.map((i) => (Number.isInteger(i) ? (tick ?? ((n: number) => categories[n] ?? ''))(i) : '')),
          },
          { ...axis, size: fitWidth(colours.font), values: (_u, splits) => splits.map((value) => axisUsd(value, intl)) },
        ],
        series: [
          {
            label: intl.formatMessage({ id: 'costs.chartWhen', defaultMessage: 'When' }),
            value: (_u, i) => (i === null ? '' : (categories[i] ?? '')),
          },
          {
            label: intl.formatMessage({ id: 'costs.chartCost', defaultMessage: 'Cost' }),
            fill: colours.bar,
            stroke: colours.bar,
            paths: bars,
            points: { show: false },
            value: (_u, v) => amount(v),
          },
          ...(hasHighlight
            ? [
                {
                  label: intl.formatMessage({ id: 'costs.chartSpike', defaultMessage: 'Spike' }),
                  fill: colours.highlight,
                  stroke: colours.highlight,
                  paths: bars,
                  points: { show: false },
                  value: (_u: uPlot, v: number | null) => amount(v),
                },
              ]
            : []),
        ],
      },
      [xs, normal, ...(hasHighlight ? [marked] : [])],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [categories, tick, values, highlight, height, themeVersion, intl]);

  return (
    <div ref={container} className="bar-chart" role="img" aria-label={label} data-testid={testId} data-bars={values.length} />
  );
}
