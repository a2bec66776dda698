/**
 * File-system helpers shared by the commands: reading with I/O errors turned into diagnostics (exit code 2),
 * writing output atomically (a failed run never leaves a partial file), and expanding directories to `*.xml`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { threadId } from 'node:worker_threads';
import { diagnostic, TeikitError } from './diagnostics.js';

export function ioError(file: string, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line: 1, column: 1, message, ruleId: 'io', source: 'io' }), 2);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/** Read a whole file as bytes; a missing or unreadable file is a `TeikitError` with exit code 2. */
export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw ioError(file, `cannot read file: ${describe(error)}`);
  }
}

/** SHA-256 of some bytes, as hex: the content hash of caches and indexes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Write `content` to `file` via a temporary file and a rename, creating the folder if needed. The temporary name
 * is unique per process, thread and call, so worker threads writing the same file (a schema cache) never collide.
 */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw ioError(file, `cannot write file: ${describe(error)}`);
  }
}

/**
 * Expand the PATH arguments of `validate` and `query`: files as given, directories to every `*.xml` below them
 * (sorted, hidden folders and node_modules skipped). A missing path is an I/O error.
 */
export function expandPaths(paths: readonly string[], extensions: readonly string[] = ['.xml']): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      throw ioError(path, `cannot read: ${describe(error)}`);
    }
    if (!stat.isDirectory()) {
      out.push(path);
      continue;
    }
    const pending = [path];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) subdirs.push(full);
        else if (extensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
      }
      pending.push(...subdirs.reverse());
    }
  }
  return out;
}
