// The report files of `archlab run`: --report (self-contained HTML), --markdown DIR (report.md
// with its diagram and charts as SVG, and as PNG when Chromium is there), --pdf (the HTML printed
// by headless Chromium). Every file is written atomically.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../../../shared/engine';
import { reportHtml, reportMarkdown } from '../../../shared/io/report';
import type { ArchDocument } from '../../../shared/model';
import { writeFileAtomic } from '../atomicFile';
import { NoChromiumError, chromiumExecutable, htmlToPdf, svgsToPng } from '../pdf';
import type { Output } from './commands';

export interface ReportArgs {
  report?: string | undefined;
  markdown?: string | undefined;
  pdf?: string | undefined;
}

export const wantsReport = (a: ReportArgs) =>
  a.report !== undefined || a.markdown !== undefined || a.pdf !== undefined;

/** Write the reports asked for; returns false (having said why on stderr) if one could not be. */
export async function writeReports(
  doc: ArchDocument,
  result: RunResult,
  args: ReportArgs,
  io: Output,
): Promise<boolean> {
  const input = { doc, result, scenarioName: result.scenario };
  try {
    const html = args.report !== undefined || args.pdf !== undefined ? reportHtml(input) : '';
    if (args.report !== undefined) {
      await writeFileAtomic(args.report, html);
      io.err(`report: ${args.report}\n`);
    }
    if (args.markdown !== undefined) await writeMarkdown(input, args.markdown, io);
    if (args.pdf !== undefined) {
      await htmlToPdf(html, args.pdf);
      io.err(`report: ${args.pdf}\n`);
    }
    return true;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    io.err(`cannot write the report: ${reason}\n`);
    return false;
  }
}

async function writeMarkdown(
  input: Parameters<typeof reportMarkdown>[0],
  dir: string,
  io: Output,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  let pngs: Buffer[] | null = null;
  let note = '';
  if (chromiumExecutable() === undefined) {
    note = 'no Chromium found (set CHROME_PATH), so the charts are SVG files';
  } else {
    try {
      pngs = await svgsToPng(reportMarkdown(input, { images: 'svg' }).charts.map((c) => c.svg));
    } catch (e) {
      if (!(e instanceof NoChromiumError)) throw e;
      note = `${e.message}; the charts are SVG files`;
    }
  }
  const { markdown, charts } = reportMarkdown(input, { images: pngs ? 'png' : 'svg' });
  for (const [i, chart] of charts.entries()) {
    await writeFileAtomic(path.join(dir, `${chart.name}.svg`), chart.svg);
    const png = pngs?.[i];
    if (png) await writeFileAtomic(path.join(dir, `${chart.name}.png`), png);
  }
  await writeFileAtomic(path.join(dir, 'report.md'), markdown);
  io.err(
    `report: ${path.join(dir, 'report.md')} (+${charts.length} ${pngs ? 'PNG and SVG' : 'SVG'} images)\n`,
  );
  if (note !== '') io.err(`note: ${note}\n`);
}
