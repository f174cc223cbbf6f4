// What Open computes from a file's text, in the worker or (where there are no workers, as in
// Node) on the page: the same checked document, the same messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInWorker } from '../../../renderer/src/app/parseInWorker';
import { parseOpenedText } from '../../../renderer/src/app/parseOpened';
import { toSvg } from '../../../shared/io/svg';
import { loadDocument } from '../../../shared/model';

const shopText = readFileSync('assets/samples/web-shop.archlab.json', 'utf8');

describe('parsing an opened file', () => {
  it('opens a document file and an exported picture of it as the same document', async () => {
    const file = await parseInWorker(shopText);
    expect(file.picture).toBe(false);
    if (!file.result.ok) throw new Error('web-shop does not load');
    const picture = await parseInWorker(toSvg(file.result.doc));
    expect(picture.picture).toBe(true);
    expect(picture.result).toEqual(file.result);
  });

  it('names what is wrong exactly as loading does', async () => {
    const broken = '{"format":"archlab",';
    expect((await parseInWorker(broken)).result).toEqual(loadDocument(broken));
    expect((await parseInWorker('<svg></svg>')).result).toEqual({
      ok: false,
      problems: [
        {
          path: '(document)',
          message:
            'has no ArchLab document in it: the picture was not exported by ArchLab, ' +
            'or an editor removed its metadata',
        },
      ],
    });
  });

  it('treats any text starting with "<" as a picture, whatever the file is called', () => {
    expect(parseOpenedText('  \n<metadata ').picture).toBe(true);
    expect(parseOpenedText('<svg>' + '<metadata '.repeat(64_000)).result.ok).toBe(false);
  });
});
