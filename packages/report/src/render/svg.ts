// Inline SVG charts, written as strings: no script, no external resources, so the HTML report works offline.

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const W = 960;
const FONT = 'font-family="system-ui, sans-serif" font-size="11"';
const n2 = (v: number): string => String(Math.round(v * 100) / 100);

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function frame(height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}" ${FONT}><title>${escapeXml(title)}</title>${body}</svg>`;
}

/** Horizontal bars with a label on the left and the value on the right. */
export function horizontalBars(
  title: string,
  bars: { label: string; value: number; note: string; detail: string }[],
): string {
  const row = 22;
  const left = 330;
  const right = 80;
  const height = 30 + bars.length * row;
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  let body = `<text x="0" y="14" font-weight="600" font-size="13">${escapeXml(title)}</text>`;
  bars.forEach((b, i) => {
    const y = 24 + i * row;
    const w = ((W - left - right) * b.value) / max;
    const label = b.label.length > 58 ? `${b.label.slice(0, 57)}…` : b.label;
    body += `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeXml(label)}</text>`;
    body += `<rect x="${left}" y="${y + 3}" width="${n2(Math.max(1, w))}" height="${row - 6}" fill="${b.label.startsWith("(noise)") ? "#9aa3ad" : "#3b6fd8"}"><title>${escapeXml(`${b.note}: ${b.detail.slice(0, 300)}`)}</title></rect>`;
    body += `<text x="${n2(left + w + 6)}" y="${y + 14}">${escapeXml(b.note)}</text>`;
  });
  return frame(height, title, body);
}

interface Plot {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function axes(p: Plot, lo: number, hi: number, dates: readonly string[], xOf: (i: number) => number): string {
  let out = "";
  const yOf = (v: number): number => p.y1 - ((v - lo) / (hi - lo || 1)) * (p.y1 - p.y0);
  for (const t of niceTicks(lo, hi, 4)) {
    const y = yOf(t);
    out += `<line x1="${p.x0}" x2="${p.x1}" y1="${n2(y)}" y2="${n2(y)}" stroke="#e3e6ea"/>`;
    out += `<text x="${p.x0 - 6}" y="${n2(y + 4)}" text-anchor="end" fill="#555">${t}</text>`;
  }
  const every = Math.max(1, Math.ceil(dates.length / 12));
  dates.forEach((d, i) => {
    if (i % every !== 0) return;
    out += `<text x="${n2(xOf(i))}" y="${p.y1 + 16}" text-anchor="middle" fill="#555">${d.slice(5)}</text>`;
  });
  out += `<line x1="${p.x0}" x2="${p.x1}" y1="${p.y1}" y2="${p.y1}" stroke="#888"/>`;
  return out;
}

/** Columns per day; weekend days get a shaded band and a different colour. */
export function dailyColumns(
  title: string,
  days: readonly { date: string; value: number; weekend: boolean }[],
  legend: string,
): string {
  const height = 260;
  const p: Plot = { x0: 50, x1: W - 10, y0: 30, y1: height - 30 };
  const hi = Math.max(1, ...days.map((d) => d.value));
  const ticks = niceTicks(0, hi, 4);
  const top = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const slot = (p.x1 - p.x0) / Math.max(1, days.length);
  const xOf = (i: number): number => p.x0 + slot * (i + 0.5);
  let body = `<text x="0" y="14" font-weight="600" font-size="13">${escapeXml(title)}</text>`;
  body += `<rect x="${W - 250}" y="4" width="10" height="10" fill="#3b6fd8"/><text x="${W - 236}" y="13">weekday</text>`;
  body += `<rect x="${W - 180}" y="4" width="10" height="10" fill="#e58a2e"/><text x="${W - 166}" y="13">weekend (shaded)</text>`;
  days.forEach((d, i) => {
    if (d.weekend)
      body += `<rect x="${n2(p.x0 + slot * i)}" y="${p.y0}" width="${n2(slot)}" height="${p.y1 - p.y0}" fill="#f4efe6"/>`;
  });
  body += axes(
    p,
    0,
    top,
    days.map((d) => d.date),
    xOf,
  );
  days.forEach((d, i) => {
    const h = ((p.y1 - p.y0) * d.value) / top;
    body += `<rect x="${n2(p.x0 + slot * i + slot * 0.15)}" y="${n2(p.y1 - h)}" width="${n2(slot * 0.7)}" height="${n2(h)}" fill="${d.weekend ? "#e58a2e" : "#3b6fd8"}"><title>${d.date}: ${d.value} ${escapeXml(legend)}</title></rect>`;
  });
  return frame(height, title, body);
}

/** A line over days, with optional count markers along the bottom, vertical change lines and level segments. */
export function lineChart(
  title: string,
  series: readonly { date: string; value: number }[],
  extras: {
    markers?: readonly number[];
    markerLabel?: string;
    changes?: readonly { index: number; label: string }[];
    levels?: readonly { start: number; end: number; value: number }[];
    fromZero?: boolean;
  } = {},
): string {
  const height = 280;
  const markerBand = extras.markers ? 34 : 0;
  const p: Plot = { x0: 56, x1: W - 10, y0: 30, y1: height - 30 - markerBand };
  const values = series.map((s) => s.value);
  let lo = extras.fromZero ? 0 : Math.min(...values);
  let hi = Math.max(...values);
  for (const l of extras.levels ?? []) {
    lo = Math.min(lo, l.value);
    hi = Math.max(hi, l.value);
  }
  if (!(hi > lo)) {
    hi = lo + 1;
    lo = extras.fromZero ? 0 : lo - 1;
  }
  const pad = extras.fromZero ? 0 : (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const slot = (p.x1 - p.x0) / Math.max(1, series.length);
  const xOf = (i: number): number => p.x0 + slot * (i + 0.5);
  const yOf = (v: number): number => p.y1 - ((v - lo) / (hi - lo)) * (p.y1 - p.y0);
  let body = `<text x="0" y="14" font-weight="600" font-size="13">${escapeXml(title)}</text>`;
  body += axes(
    p,
    lo,
    hi,
    series.map((s) => s.date),
    xOf,
  );
  for (const c of extras.changes ?? []) {
    const x = p.x0 + slot * c.index;
    body += `<line x1="${n2(x)}" x2="${n2(x)}" y1="${p.y0}" y2="${p.y1}" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"><title>${escapeXml(c.label)}</title></line>`;
    body += `<text x="${n2(x + 4)}" y="${p.y0 + 10}" fill="#c0392b">${escapeXml(c.label)}</text>`;
  }
  for (const l of extras.levels ?? []) {
    const y = yOf(l.value);
    body += `<line x1="${n2(p.x0 + slot * l.start)}" x2="${n2(p.x0 + slot * l.end)}" y1="${n2(y)}" y2="${n2(y)}" stroke="#7f8c8d" stroke-width="1.5" stroke-dasharray="2 3"/>`;
  }
  const path = series.map((s, i) => `${i === 0 ? "M" : "L"}${n2(xOf(i))},${n2(yOf(s.value))}`).join(" ");
  body += `<path d="${path}" fill="none" stroke="#3b6fd8" stroke-width="2"/>`;
  series.forEach((s, i) => {
    body += `<circle cx="${n2(xOf(i))}" cy="${n2(yOf(s.value))}" r="2.5" fill="#3b6fd8"><title>${s.date}: ${s.value}</title></circle>`;
  });
  if (extras.markers) {
    const max = Math.max(1, ...extras.markers);
    const base = height - 18;
    body += `<text x="${p.x0 - 6}" y="${base}" text-anchor="end" fill="#555">${escapeXml(extras.markerLabel ?? "")}</text>`;
    extras.markers.forEach((m, i) => {
      if (m <= 0) return;
      const h = 4 + (22 * m) / max;
      body += `<rect x="${n2(xOf(i) - 1.5)}" y="${n2(base - h)}" width="3" height="${n2(h)}" fill="#27ae60"><title>${series[i]?.date}: ${m} ${escapeXml(extras.markerLabel ?? "")}</title></rect>`;
    });
  }
  return frame(height, title, body);
}
