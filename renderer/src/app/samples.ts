// The sample architectures in assets/samples, bundled into both editions as text.
const files = import.meta.glob<string>('../../../assets/samples/*.archlab.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface Sample {
  /** File name without `.archlab.json`: `web-shop`. */
  id: string;
  fileName: string;
  /** The document's own name. */
  title: string;
  /** What the sample teaches (the document's description), or ''. */
  description: string;
  text: string;
}

export const samples: Sample[] = Object.entries(files)
  .map(([path, text]) => {
    const fileName = path.split('/').pop() ?? path;
    let title = fileName;
    let description = '';
    try {
      const raw = JSON.parse(text) as { name?: unknown; description?: unknown };
      if (typeof raw.name === 'string') title = raw.name;
      if (typeof raw.description === 'string') description = raw.description;
    } catch {
      // A broken sample still shows by file name; opening it reports the problem.
    }
    return { id: fileName.replace(/\.archlab\.json$/, ''), fileName, title, description, text };
  })
  .sort((a, b) => a.title.localeCompare(b.title));
