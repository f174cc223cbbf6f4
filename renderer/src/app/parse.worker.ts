// Parsing an opened file off the UI thread: a 50 MB document or a hostile picture never freezes
// the window while it is read.
import { parseOpenedText } from './parseOpened';

self.onmessage = (event: MessageEvent<{ id: number; text: string }>) => {
  const { id, text } = event.data;
  self.postMessage({ id, parsed: parseOpenedText(text) });
};
