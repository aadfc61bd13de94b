// The trend chart: horizontal bars for the terminal (eighth-block precision),
// vertical bars as inline SVG for the HTML page. Pure string builders.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export interface Point {
  label: string;
  value: number;
}

/** One line per period: `2026-W47 │██████▍ 13`; the current one marked with ◀. */
export function barChart(points: Point[], opts: { width?: number; current?: number; mark?: (s: string) => string } = {}): string {
  const width = opts.width ?? 40;
  const max = Math.max(0, ...points.map((p) => p.value));
  const labelW = Math.max(0, ...points.map((p) => p.label.length));
  const numW = Math.max(1, ...points.map((p) => String(p.value).length));
  return points
    .map((p, i) => {
      const eighths = max ? Math.round((p.value / max) * width * 8) : 0;
      let bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
      if (p.value > 0 && !bar) bar = '▏';
      if (i === opts.current && opts.mark) bar = opts.mark(bar);
      const pad = ' '.repeat(width + 1 - Math.ceil(eighths / 8) - (p.value > 0 && eighths === 0 ? 1 : 0));
      return `${p.label.padEnd(labelW)} │${bar}${pad}${String(p.value).padStart(numW)}${i === opts.current ? ' ◀' : ''}`;
    })
    .join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A vertical bar chart as one inline <svg> element (prints in any browser). */
export function svgBarChart(points: Point[], opts: { title: string; current?: number; width?: number; height?: number }): string {
  const W = opts.width ?? 680;
  const H = opts.height ?? 230;
  const left = 40;
  const right = 10;
  const top = 20;
  const bottom = 46;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  // Round gridlines: a step of 1, 2, 2.5 or 5 × 10^k, about four of them.
  const raw = max / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const steps = mag >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]; // counts: no 2.5 gridline below 25
  const step = Math.max(1, steps.map((m) => m * mag).find((v) => v >= raw) ?? raw);
  const ticks = Math.ceil(max / step);
  const axisMax = step * ticks;
  const slot = points.length ? plotW / points.length : plotW;
  const barW = Math.max(4, slot * 0.62);
  const y = (v: number) => top + plotH - (v / axisMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(opts.title)}" class="chart">`,
    `<title>${esc(opts.title)}</title>`,
  );
  for (let i = 0; i <= ticks; i++) {
    const v = (axisMax / ticks) * i;
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${yy}" y2="${yy}" stroke="#ddd" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${yy}" dy="0.32em" text-anchor="end" font-size="10" fill="#666">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
    );
  }
  points.forEach((p, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    const yy = y(p.value);
    const fill = i === opts.current ? '#1f6feb' : '#9bb8e0';
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${yy.toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${fill}"/>`,
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(yy - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="#222">${p.value}</text>`,
      `<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 14}" text-anchor="middle" font-size="9.5" fill="#444">${esc(shortLabel(p.label))}</text>`,
    );
  });
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#888" stroke-width="1"/>`, '</svg>');
  return parts.join('\n');
}

/** Range labels are long: keep their first date. */
function shortLabel(s: string): string {
  return s.length > 12 ? s.slice(0, 10) : s;
}
