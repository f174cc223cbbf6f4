import type { FromHost, OpenedFile, RecoveryCopy, ToHostInput } from '../../../shared/protocol';

export interface ExportType {
  mime: string;
  /** The file dialog's filter name, e.g. "PNG image". */
  name: string;
  extensions: string[];
}

/** The one seam between the UI and its host: the desktop app or the browser. */
export interface Platform {
  kind: 'desktop' | 'web';
  engine: {
    send(message: ToHostInput): void;
    subscribe(listener: (message: FromHost) => void): () => void;
  };
  files: {
    /** Ask the user for a document; null when they cancel. */
    open(): Promise<OpenedFile | null>;
    /** Save to where it came from (or ask); null when they cancel. */
    save(
      text: string,
      current: { path?: string | undefined; name: string },
    ): Promise<{ path: string; name: string } | null>;
    saveAs(text: string, suggestedName: string): Promise<{ path: string; name: string } | null>;
    /** Recently opened or saved files that can be opened again, newest first. */
    recent(): Promise<{ path: string; name: string }[]>;
    openPath(path: string): Promise<OpenedFile>;
    /** Ask for YAML files to import (several at once); null when the user cancels. */
    importFiles(): Promise<OpenedFile[] | null>;
  };
  exports: {
    /** Save an export where the user picks (desktop) or as a download (web); null on cancel. */
    save(
      data: Uint8Array | string,
      suggestedName: string,
      type: ExportType,
    ): Promise<{ path: string } | null>;
    /** PDF bytes of self-contained HTML (desktop: printToPDF); null where the host prints instead. */
    pdf(html: string, landscape: boolean): Promise<Uint8Array | null>;
  };
  /** Recovery copies, each owned by the window that wrote it. */
  recovery: {
    /** Write this window's copy of the document `key`. */
    write(key: string, text: string): Promise<void>;
    /** Copies left by windows no longer open (this window takes them over), newest first. */
    read(): Promise<RecoveryCopy[]>;
    /** Remove this window's copies of the document `key`. */
    clear(key: string): Promise<void>;
  };
  setTitle(title: string): void;
  /** Commands chosen from a native menu (desktop only). */
  onMenuCommand(listener: (id: string) => void): () => void;
  /** A file the OS asks to open (desktop only). */
  onOpenFile(listener: (path: string) => void): () => void;
  /**
   * Closing the window: `listener` decides (it may ask about unsaved changes) and returns whether
   * to close. The web edition can only warn through `beforeunload`.
   */
  onCloseRequest(listener: () => Promise<boolean>): () => void;
}
