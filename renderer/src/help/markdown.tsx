// The docs shipped with the app (docs/*.md), drawn as React elements: headings, paragraphs, lists,
// tables, code blocks, and inline code, bold, italics and links. No HTML from the text reaches
// the page (no innerHTML), so a doc cannot run anything.
import { Fragment, type ReactNode } from 'react';

export interface MdLinks {
  /** A link to another shipped doc (`semantics.md#…`): opened in the viewer. */
  openDoc(name: string): void;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))/g;

export function inline(text: string, links: MdLinks): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    const t = m[0];
    if (m[1]) out.push(<code key={k++}>{t.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k++}>{inline(t.slice(2, -2), links)}</strong>);
    else if (m[3]) out.push(<em key={k++}>{inline(t.slice(1, -1), links)}</em>);
    else {
      const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(t) ?? [];
      const doc = /^([\w-]+\.md)(#.*)?$/.exec(href);
      out.push(
        doc?.[1] ? (
          <a
            key={k++}
            href={`#${doc[1]}`}
            onClick={(e) => {
              e.preventDefault();
              links.openDoc(doc[1] ?? '');
            }}
          >
            {inline(label, links)}
          </a>
        ) : (
          <a key={k++} href={href} target="_blank" rel="noreferrer">
            {inline(label, links)}
          </a>
        ),
      );
    }
    last = at + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** Markdown text as blocks of React elements. */
export function Markdown({ text, links }: { text: string; links: MdLinks }) {
  const lines = text.split(/\r?\n/);
  const blocks: ReactNode[] = [];
  let i = 0;
  let k = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(4, (heading[1]?.length ?? 1) + 1);
      const H = `h${level}` as 'h2' | 'h3' | 'h4';
      blocks.push(<H key={k++}>{inline(heading[2] ?? '', links)}</H>);
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <pre key={k++}>
          <code>{body.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').trimStart().startsWith('|'))
        rows.push(cells(lines[i++] ?? ''));
      const [head, , ...body] = rows;
      blocks.push(
        <div className="md-table" key={k++}>
          <table>
            <thead>
              <tr>
                {(head ?? []).map((c, j) => (
                  <th key={j}>{inline(c, links)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, j) => (
                <tr key={j}>
                  {r.map((c, m) => (
                    <td key={m}>{inline(c, links)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    const bullet = /^(\s*)([-*]|\d+\.)\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '') {
        const l = lines[i++] ?? '';
        if (bullet.test(l)) items.push(l.replace(bullet, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      const L = ordered ? 'ol' : 'ul';
      blocks.push(
        <L key={k++}>
          {items.map((t, j) => (
            <li key={j}>{inline(t, links)}</li>
          ))}
        </L>,
      );
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() !== '' &&
      !/^(#{1,4}\s|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i] ?? '')
    )
      para.push((lines[i++] ?? '').trim());
    blocks.push(<p key={k++}>{inline(para.join(' '), links)}</p>);
  }
  return <Fragment>{blocks}</Fragment>;
}
