// File > Export: PNG, SVG, PDF, Mermaid, draw.io, and the HTML report and the OpenTelemetry
// traces (OTLP JSON) of the last run. Files go through the platform (a save dialog on the
// desktop, a download in the browser).
import { toDrawio, toMermaid, toSvg } from '../../../shared/io';
import { reportHtml } from '../../../shared/io/report';
import { inlineSvg } from '../../../shared/io/report';
import { toOtlp } from '../../../shared/traces/otlpOut';
import { flow, sizeOf } from '../canvas/flowApi';
import { platform } from '../platform';
import { useStore } from '../store';
import { shownRun } from '../store/runSelectors';
import { canvasPng, type ImageOptions } from './exportImage';

const store = () => useStore.getState();
const base = () =>
  (store().doc.name || 'architecture').replace(/[\\/:*?"<>|]+/g, '-').trim() || 'architecture';

async function save(
  data: Uint8Array | string,
  ext: string,
  mime: string,
  name: string,
  suffix = '',
) {
  const r = await platform().exports.save(data, `${base()}${suffix}.${ext}`, {
    mime,
    name,
    extensions: [ext],
  });
  if (r) store().showToast(`Exported ${r.path.split(/[\\/]/).pop() ?? r.path}`);
  return r;
}

function failed(what: string, e: unknown) {
  store().showToast(
    `Could not export ${what}: ${e instanceof Error ? e.message : String(e)}`,
    'error',
  );
}

export async function exportPng(options: ImageOptions) {
  try {
    const png = await canvasPng(options);
    await save(png.bytes, 'png', 'image/png', 'PNG image');
  } catch (e) {
    failed('PNG', e);
  }
}

/** The size the canvas drew each node at, so the SVG draws it the same. */
function canvasSizes(): Record<string, { width: number; height: number }> {
  const sizes: Record<string, { width: number; height: number }> = {};
  if (!flow()) return sizes;
  for (const n of store().doc.nodes) sizes[n.id] = sizeOf(n.id);
  return sizes;
}

export async function exportSvg(theme: 'light' | 'dark') {
  const svg = toSvg(store().doc, { theme, sizes: canvasSizes() });
  await save(svg, 'svg', 'image/svg+xml', 'SVG image');
}

export const exportMermaid = () =>
  save(toMermaid(store().doc), 'mmd', 'text/vnd.mermaid', 'Mermaid diagram');

export const exportDrawio = () =>
  save(toDrawio(store().doc), 'drawio', 'application/vnd.jgraph.mxfile', 'draw.io diagram');

export async function exportReport() {
  const run = shownRun(store());
  if (!run)
    return store().showToast(
      'Run a scenario first: the report is of this document’s last run',
      'error',
    );
  await save(
    reportHtml({ doc: run.doc, result: run.result, scenarioName: run.scenario }),
    'html',
    'text/html',
    'HTML report',
  );
}

/** The last run's sampled request traces as OTLP JSON (Jaeger and OpenTelemetry tools open it). */
export async function exportTraces() {
  const run = shownRun(store());
  if (!run)
    return store().showToast(
      'Run a scenario first: the traces are of this document’s last run',
      'error',
    );
  if (run.result.traces.length === 0)
    return store().showToast(
      'The last run kept no traces (none of its requests finished)',
      'error',
    );
  const otlp = toOtlp(run.doc, run.result.traces, { runTag: run.result.seed });
  await save(
    `${JSON.stringify(otlp)}\n`,
    'json',
    'application/json',
    'OpenTelemetry traces (OTLP JSON)',
    '.traces',
  );
}

/** A page holding the diagram, sized to print on one landscape page. */
function printView(theme: 'light' | 'dark'): string {
  const { doc } = store();
  const svg = inlineSvg(toSvg(doc, { theme, sizes: canvasSizes() })).replace(
    '<svg',
    '<svg xmlns="http://www.w3.org/2000/svg"',
  );
  const title = doc.name.replace(/[<&>]/g, '');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>
<style>@page{size:landscape;margin:12mm}html,body{margin:0}svg{width:100%;height:auto;max-height:180mm}</style>
</head><body>${svg}</body></html>`;
}

export async function exportPdf(theme: 'light' | 'dark') {
  try {
    const html = printView(theme);
    const pdf = await platform().exports.pdf(html, true);
    if (pdf) {
      await save(pdf, 'pdf', 'application/pdf', 'PDF document');
      return;
    }
    // The web edition: Chromium's own print dialog on a print view of the diagram.
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;left:-10px';
    frame.setAttribute('data-testid', 'print-view');
    frame.srcdoc = html;
    document.body.appendChild(frame);
    frame.onload = () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 60_000);
    };
  } catch (e) {
    failed('PDF', e);
  }
}
