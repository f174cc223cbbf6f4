// What opening a file's text computes before anything changes: the picture's embedded document
// (an exported SVG) or the document file itself, parsed, checked and migrated. Pure, so it runs
// the same in the parse worker and, where a browser has no workers, on the page.
import { fromSvg } from '../../../shared/io/svg';
import { loadDocument, type LoadResult } from '../../../shared/model';

export interface ParsedText {
  /** The text was a picture (it starts with '<'): the document came out of its metadata. */
  picture: boolean;
  result: LoadResult;
}

export function parseOpenedText(text: string): ParsedText {
  const picture = /^\s*</.test(text);
  return { picture, result: picture ? fromSvg(text) : loadDocument(text) };
}
