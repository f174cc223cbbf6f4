// The document as a standalone SVG picture that draws what the canvas draws (svgDraw.ts): each
// node's card with its label and key figure as real <text>, links as React Flow's curves with
// arrowheads and their captions clear of the nodes, groups as labelled boxes. Node sizes are the
// canvas's measured ones when the app exports (`sizes`), else the card's own. The document rides
// along in <metadata>, so `fromSvg` can open the picture again for editing (as draw.io does).
import type { ArchDocument, Node } from '../model';
import { parseDocument, type LoadResult } from '../model';
import { KIND_COLORS, THEME_COLORS, groupRect, groupsParentsFirst, nodeRect } from './look';
import type { Rect, Theme } from './look';
import { noteRect, noteSvg } from './notesDraw';
import { cardSize, cardSvg, edgesSvg, groupSvg, type Sizes } from './svgDraw';
import { escapeAttr, escapeXml, num, unescapeXml } from './xml';

export interface SvgOptions {
  theme: Theme;
  /** Leave the background out (for slides and pages of another colour). */
  transparent?: boolean | undefined;
  /** Pixels per document unit in the width and height (the viewBox stays the same); default 1. */
  scale?: number | undefined;
  /** Node and group sizes as the canvas measured them, by id (the app passes them). */
  sizes?: Sizes | undefined;
}

const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif";
const PAD = 24;
const METADATA_ID = 'archlab-document';

export function toSvg(doc: ArchDocument, options: SvgOptions = { theme: 'light' }): string {
  const theme = THEME_COLORS[options.theme];
  const kinds = KIND_COLORS[options.theme];
  const scale = options.scale !== undefined && options.scale > 0 ? options.scale : 1;
  const rects = new Map(doc.nodes.map((n) => [n.id, drawnRect(doc, n, options.sizes)] as const));
  const notes = doc.notes ?? [];
  const box = bounds([
    ...rects.values(),
    ...doc.groups.map((g) => groupRect(doc, g)),
    ...notes.map(noteRect),
  ]);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(box.width * scale)}" ` +
      `height="${num(box.height * scale)}" viewBox="${num(box.x)} ${num(box.y)} ${num(box.width)} ` +
      `${num(box.height)}" font-family="${escapeAttr(FONT)}">`,
  );
  out.push(`<title>${escapeXml(doc.name)}</title>`);
  out.push(
    `<metadata id="${METADATA_ID}" data-format="archlab" data-version="${doc.version}">` +
      `${escapeXml(documentJson(doc))}</metadata>`,
  );
  out.push(
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" ` +
      `orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.edge}"/></marker>`,
    `<marker id="arrow-open" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" ` +
      `markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" ` +
      `stroke="${theme.edge}" stroke-width="1.5"/></marker>`,
    '</defs>',
  );
  if (options.transparent !== true) {
    out.push(
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" ` +
        `height="${num(box.height)}" fill="${theme.background}"/>`,
    );
  }

  const groups = groupsParentsFirst(doc.groups).map((g) => ({ group: g, rect: groupRect(doc, g) }));
  out.push('<g class="groups">');
  for (const { group, rect } of groups) out.push(groupSvg(group, rect, theme, kinds.client));
  out.push('</g>', '<g class="edges">');
  out.push(...edgesSvg(doc, rects, groups, theme));
  out.push('</g>', '<g class="nodes">');
  for (const n of doc.nodes) {
    const r = rects.get(n.id);
    if (r) out.push(cardSvg(n, r, kinds[n.kind], theme));
  }
  out.push('</g>');
  if (notes.length > 0) {
    out.push('<g class="notes">');
    for (const note of notes) out.push(noteSvg(note, theme.text));
    out.push('</g>');
  }
  out.push('</svg>', '');
  return out.join('\n');
}

const OUR_ID = new RegExp(`\\sid=["']${METADATA_ID}["']`);

/**
 * The text inside the first `<metadata … id="archlab-document" …>…</metadata>`, or null; in one
 * pass over the text (a pattern with `[^>]*` around the id took quadratic time on a text of many
 * unclosed `<metadata` tags: 58 s for 640 KB).
 */
function metadataBody(text: string): string | null {
  let from = 0;
  for (;;) {
    const start = text.indexOf('<metadata', from);
    if (start < 0) return null;
    const after = text.charCodeAt(start + 9);
    const end = text.indexOf('>', start);
    // No '>' left: no later tag can close either.
    if (end < 0) return null;
    from = end + 1;
    // `<metadata` followed by a space, '/' or '>' (not `<metadataX`).
    if (!(after === 0x3e || after === 0x2f || after <= 0x20)) continue;
    if (!OUR_ID.test(text.slice(start + 9, end))) continue;
    const close = text.indexOf('</metadata>', from);
    return close < 0 ? null : text.slice(from, close);
  }
}

/** The document inside an exported picture, checked and migrated like a file. Never throws. */
export function fromSvg(text: string): LoadResult {
  const found = metadataBody(text);
  if (found === null) {
    return {
      ok: false,
      problems: [
        {
          path: '(document)',
          message:
            'has no ArchLab document in it: the picture was not exported by ArchLab, ' +
            'or an editor removed its metadata',
        },
      ],
    };
  }
  const body = found;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(body);
  const json = cdata ? (cdata[1] ?? '') : unescapeXml(body);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      ok: false,
      problems: [{ path: '(document)', message: 'the ArchLab document in the picture is damaged' }],
    };
  }
  return parseDocument(raw);
}

/** JSON of the document with U+FFFE/U+FFFF written as escapes (XML cannot carry them raw). */
function documentJson(doc: ArchDocument): string {
  return JSON.stringify(doc).replace(
    /[\uFFFE\uFFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/** A node's card: where the document puts it, at the size the canvas draws it. */
function drawnRect(doc: ArchDocument, node: Node, sizes: Sizes | undefined): Rect {
  const r = nodeRect(doc, node);
  return { x: r.x, y: r.y, ...cardSize(node, sizes) };
}

function bounds(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 200, height: 100 };
  // A loop, not Math.min(...list): spreading 100,000 numbers overflows the call stack.
  let x = Infinity;
  let y = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  x -= PAD;
  y -= PAD;
  right += PAD;
  bottom += PAD;
  return { x, y, width: right - x, height: bottom - y };
}
