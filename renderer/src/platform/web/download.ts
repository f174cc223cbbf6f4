// Exports in the browser: a download of the bytes (the browser asks where, or saves to Downloads).
export function downloadExport(
  data: Uint8Array | string,
  name: string,
  mime: string,
): { path: string } {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { path: name };
}
