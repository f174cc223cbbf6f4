// The files main handed out itself. The renderer may open or save a path only when main gave it
// that path: a dialog's answer, a file on the command line or from the OS (open-file), or the
// recent list. A compromised renderer therefore cannot read or write any other file.
import path from 'node:path';
import { IpcRejected } from './ipc';

export class PathGrants {
  private readonly granted = new Set<string>();

  /** Grant a path (made absolute) and return it as granted. */
  grant(file: string): string {
    const absolute = path.resolve(file);
    this.granted.add(absolute);
    return absolute;
  }

  grantAll(files: Iterable<string>): void {
    for (const f of files) this.grant(f);
  }

  has(file: string): boolean {
    return path.isAbsolute(file) && this.granted.has(path.resolve(file));
  }

  /** The path, when main handed it out; else an IpcRejected naming the channel. */
  check(channel: string, file: string): string {
    if (!this.has(file)) {
      throw new IpcRejected(
        `${channel}: refused ${JSON.stringify(file)}: the app did not hand out this path (open it with File › Open)`,
      );
    }
    return path.resolve(file);
  }
}

/** Document paths among command-line arguments (the OS passes the file a user double-clicked). */
export function documentArgs(argv: readonly string[]): string[] {
  return argv.filter((a) => a.endsWith('.archlab.json') && !a.startsWith('-'));
}
