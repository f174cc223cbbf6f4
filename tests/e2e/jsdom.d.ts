// The slice of jsdom's API the browser tests use to read exported files in Node (jsdom ships no
// types and @types/jsdom is not installed).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { contentType?: string });
    readonly window: Window & typeof globalThis;
  }
}
