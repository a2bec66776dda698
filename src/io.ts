/**
 * The one file-access layer of teikit: every read of a user's file and every write of output goes through here.
 *
 * Reads (`readRegularFile`): regular files only. A FIFO would block forever and a device such as /dev/zero never
 * ends, and both may be named by untrusted input (a symlink in a corpus, an `xml-model` href, an XInclude, a
 * schema's `externalRef`), so anything else is refused with one line saying what the path is. Each kind of file has
 * a size cap (`SIZE_LIMITS`), raised or lowered for a whole run with `--max-size MB` (or `TEIKIT_MAX_SIZE`, bytes,
 * which worker threads inherit). The file is opened without blocking and checked on the open descriptor, so a path
 * swapped for a FIFO between a check and the read cannot block either.
 *
 * Writes (`writeAtomically`, `checkOutputTarget`): `-o` accepts a regular file or a new path, nothing else; a device,
 * FIFO, socket or directory is refused before any work, and the target is left untouched. Content goes to a
 * temporary file beside the target (`.NAME.PID-THREAD-RANDOM.tmp`), is flushed to disk, then renamed over the target,
 * so a reader never sees half a file. The temporary file is removed on any failure and on SIGINT/SIGTERM; one left
 * by a process that was killed outright (SIGKILL, power loss) is removed by the next write to the same target.
 *
 * Standard output (`writeStdout`): written synchronously and checked: a reader that went away (EPIPE, as `head`
 * does) ends the run quietly; any other write error (ENOSPC, EIO) is an error line and exit code 2.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { diagnostic, TeikitError } from './diagnostics.js';

export function ioError(file: string, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line: 1, column: 1, message, ruleId: 'io/file', source: 'io' }), 2);
}

/** A system error in words (`ENOTDIR` is not something a user should have to look up). */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'the file name is too long';
    case 'ENOSPC': return 'no space left on device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EIO': return 'input/output error';
    case 'EROFS': return 'read-only file system';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    case 'EXDEV': return 'cannot rename across file systems';
    case 'ENXIO': return 'no such device or address';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code !== undefined ? `${message.replace(/^[A-Z]+: /, '').split(',')[0]} (${code})` : message;
    }
  }
}

/** What a path is, in words, when it is not a regular file. */
export function fileType(stat: Stats): string {
  if (stat.isFile()) return 'a regular file';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The kinds of input file, each with its own size cap. */
export type FileKind = 'document' | 'schema' | 'authority' | 'record';

const MB = 1_000_000;

/**
 * Default caps, far above real files (the largest TEI documents of the corpus are about 10 MB, tei_all.rng about
 * 1 MB, an archive record a few KB) and below what a JavaScript string can hold (about 512 M UTF-16 units).
 */
export const SIZE_LIMITS: Readonly<Record<FileKind, number>> = Object.freeze({
  document: 256 * MB,
  schema: 64 * MB,
  authority: 64 * MB,
  record: 64 * MB,
});

const KIND_NAMES: Record<FileKind, string> = { document: 'documents', schema: 'schemas', authority: 'authority files', record: 'records' };

const KINDS = Object.keys(SIZE_LIMITS) as FileKind[];

/**
 * The environment variable through which `--max-size` reaches worker threads (which copy the environment): the caps
 * it set, in bytes, as `KIND=BYTES,...` (a plain number of bytes sets every kind, as earlier versions wrote it).
 */
export const MAX_SIZE_ENV = 'TEIKIT_MAX_SIZE';

/** The caps set through `TEIKIT_MAX_SIZE`, by kind (kinds not named keep their default). */
function capsFromEnvironment(): Partial<Record<FileKind, number>> {
  const env = process.env[MAX_SIZE_ENV];
  if (env === undefined) return {};
  if (/^\d+$/.test(env)) return Object.fromEntries(KINDS.map((k) => [k, Number(env)]));
  const caps: Partial<Record<FileKind, number>> = {};
  for (const part of env.split(',')) {
    const m = /^([a-z]+)=(\d+)$/.exec(part);
    if (m !== null && (KINDS as string[]).includes(m[1]!)) caps[m[1] as FileKind] = Number(m[2]);
  }
  return caps;
}

/** The cap for a kind of file: the one `--max-size` set (through `TEIKIT_MAX_SIZE`), else the default. */
export function sizeLimit(kind: FileKind): number {
  return capsFromEnvironment()[kind] ?? SIZE_LIMITS[kind];
}

/**
 * Set size caps for this process and the worker threads it starts: the value of `--max-size`, either `MB` (every
 * kind) or `KIND=MB,...` (those kinds; KIND is document, schema, authority or record). Returns an error message for
 * a value that is neither.
 */
export function setMaxSize(spec: string): string | undefined {
  const usage = `--max-size must be MB or KIND=MB,... (KIND: ${KINDS.join(', ')}; MB a positive number) (got "${spec}")`;
  const caps = capsFromEnvironment();
  const parts = spec.split(',');
  for (const part of parts) {
    const m = /^(?:([a-z]+)=)?(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (m === null || !(Number(m[2]) > 0) || (m[1] !== undefined && !(KINDS as string[]).includes(m[1]))) return usage;
    if (m[1] === undefined && parts.length > 1) return usage;
    const bytes = Math.round(Number(m[2]) * MB);
    for (const kind of m[1] === undefined ? KINDS : [m[1] as FileKind]) caps[kind] = bytes;
  }
  process.env[MAX_SIZE_ENV] = KINDS.filter((k) => caps[k] !== undefined).map((k) => `${k}=${caps[k]}`).join(',');
  return undefined;
}

/** A size as the caps are given: "0.16 MB", "256 MB". */
export function megabytes(bytes: number): string {
  return `${Number((bytes / MB).toPrecision(3))} MB`;
}

function tooLarge(kind: FileKind, size: number | undefined, limit: number): string {
  const what = size === undefined ? `more than ${megabytes(limit)}` : megabytes(size);
  return `file too large: ${what}, over the limit of ${megabytes(limit)} for ${KIND_NAMES[kind]} (raise it with --max-size ${kind}=MB)`;
}

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Read a whole regular file as bytes, or say why not: the path does not exist or cannot be read, is not a regular
 * file (`it is a FIFO (named pipe), not a regular file`), or is larger than the cap of its kind. Never blocks on a
 * FIFO and never reads a device.
 */
export function tryReadRegularFile(file: string, kind: FileKind = 'document'): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise block here; it has no effect on regular files.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: `it is ${fileType(stat)}, not a regular file` };
    const limit = sizeLimit(kind);
    if (stat.size > limit) return { ok: false, reason: tooLarge(kind, stat.size, limit) };
    // Read to the end, whatever the size said (a file may grow while it is read), but never past the cap.
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return { ok: false, reason: tooLarge(kind, undefined, limit) };
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return { ok: false, reason: tooLarge(kind, undefined, limit) };
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `max` bytes of a regular file (fewer when it is shorter), or undefined when it is not one: for a look
 * at a prolog before the file is read whole. Never blocks on a FIFO and never reads a device.
 */
export function readHead(file: string, max: number): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.allocUnsafe(max);
    let length = 0;
    for (let n = -1; n !== 0 && length < max; length += n) n = readSync(fd, buffer, length, max - length, null);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a whole regular file as bytes (see `tryReadRegularFile`); a file that cannot be read is a `TeikitError`
 * with exit code 2 and rule `io/file`: `FILE:1:1: error cannot read file: it is a FIFO (named pipe), not a regular file`.
 * This is the function every reader of user files calls.
 */
export function readRegularFile(file: string, kind: FileKind = 'document'): Uint8Array {
  const read = tryReadRegularFile(file, kind);
  if (!read.ok) throw ioError(file, `cannot read file: ${read.reason}`);
  return read.bytes;
}

/** `readRegularFile(file, kind)`, under the name of the first version of this module. */
export function readBytes(file: string, kind: FileKind = 'document'): Uint8Array {
  return readRegularFile(file, kind);
}

/**
 * Why `file` cannot be read as a regular file, in words (`does not exist`, `is a FIFO (named pipe)`...), or
 * undefined when it can be. For messages about a file named by a document before it is read.
 */
export function unreadableReason(file: string): string | undefined {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : describe(error);
  }
  return stat.isFile() ? undefined : `is ${fileType(stat)}, not a regular file`;
}

/** When a regular file was last modified (ms), or undefined when it is none: the key of what a thread remembers of it. */
export function modifiedAt(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 of some bytes, as hex: the content hash of caches and indexes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * Check an output path before any work is done: it must be a regular file (followed through symbolic links) or
 * not exist yet. A device, FIFO, socket or directory is a `TeikitError` (exit code 2) and is left untouched.
 */
export function checkOutputTarget(file: string): void {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A new file; a dangling symbolic link is refused rather than silently replaced by a file.
      let link: Stats | undefined;
      try {
        link = lstatSync(file);
      } catch {
        // nothing there
      }
      if (link !== undefined) throw ioError(file, 'cannot write: it is a symbolic link to a path that does not exist');
      return;
    }
    throw ioError(file, `cannot write: ${describe(error)}`);
  }
  if (!stat.isFile()) throw ioError(file, `cannot write: it is ${fileType(stat)}; -o writes only to a regular file or a new path`);
}

/** Temporary files of this process not yet renamed into place: removed if the process is interrupted. */
const temporaries = new Set<string>();
const handlers = new Map<NodeJS.Signals, () => void>();

/** What SQLite adds beside a database file (the index builder's temporary is one). */
const COMPANIONS = ['', '-journal', '-wal', '-shm'];

function removeTemporaries(): void {
  for (const tmp of temporaries) for (const suffix of COMPANIONS) rmSync(tmp + suffix, { force: true });
  temporaries.clear();
}

/**
 * Handlers for SIGINT, SIGTERM and SIGHUP, installed only while a temporary file exists: JavaScript handles a
 * signal only when the event loop gets control, so at any other time the default (immediate) death is better.
 * Signals reach the main thread only; a worker's stale temporary file is swept by the next run.
 */
function installSignalHandlers(): void {
  if (handlers.size > 0 || !isMainThread) return;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      removeTemporaries();
      uninstallSignalHandlers();
      // Die of the signal as if no handler had been installed, so the parent sees the usual status (130, 143...).
      process.kill(process.pid, signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstallSignalHandlers(): void {
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}

/**
 * A new temporary path beside `target`, named `.NAME.PID-THREAD-RANDOM.tmp`, registered for removal on SIGINT and
 * SIGTERM; stale temporaries of `target` left by dead processes are removed first. Call `releaseTemporary` once it
 * is renamed or removed. Also used by the index builder for its SQLite file.
 */
export function temporaryBeside(target: string): string {
  removeStaleTemporaries(target);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  temporaries.add(tmp);
  installSignalHandlers();
  return tmp;
}

export function releaseTemporary(tmp: string): void {
  temporaries.delete(tmp);
  if (temporaries.size === 0) uninstallSignalHandlers();
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove `.NAME.PID-*.tmp` (and the `.NAME.PID.tmp` of earlier versions) beside `target` whose process is gone.
 * A process id that was reused keeps its file until the next time: a stale file is kept rather than a live one lost.
 */
export function removeStaleTemporaries(target: string): void {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)(?:-\d+-[0-9a-f]+)?\.tmp(?:-journal|-wal|-shm)?$/.exec(name.slice(prefix.length));
    if (m === null || processAlive(Number(m[1]))) continue;
    try {
      if (lstatSync(join(dir, name)).isFile()) rmSync(join(dir, name), { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/**
 * Write `content` to `file` atomically (see the module comment), creating the folder if needed. The temporary name
 * is unique per process, thread and call, so worker threads writing the same file (a schema cache) never collide.
 * An existing target keeps its permissions; a symbolic link to a regular file is written through (the link stays).
 */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  checkOutputTarget(file);
  let target = file;
  let mode: number | undefined;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // a new file
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw ioError(file, `cannot write file: ${describe(error)}`);
  }
  const tmp = temporaryBeside(target);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
    try {
      writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    // The target may have been replaced by something else while we worked: never rename over a device.
    checkOutputTarget(target);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    if (error instanceof TeikitError) throw error;
    throw ioError(file, `cannot write file: ${describe(error)}`);
  } finally {
    releaseTemporary(tmp);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write every byte to `fd`, waiting while a non-blocking pipe is full (EAGAIN). */
function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/** Thrown by `writeStdout` when the reader of standard output has gone away; the CLI then ends quietly. */
export class StdoutClosed extends Error {
  constructor() {
    super('standard output was closed');
    this.name = 'StdoutClosed';
  }
}

/**
 * Write to standard output synchronously, every byte, checking for errors. EPIPE throws `StdoutClosed`; any other
 * error (ENOSPC on a full disk, EIO, `> /dev/full`) throws a `TeikitError` with exit code 2.
 */
export function writeStdout(text: string | Uint8Array): void {
  try {
    writeAll(1, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new StdoutClosed();
    throw ioError('<stdout>', `cannot write to standard output: ${describe(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

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
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        throw ioError(dir, `cannot read directory: ${describe(error)}`);
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) subdirs.push(full);
        else if (extensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
      }
      for (let i = subdirs.length - 1; i >= 0; i--) pending.push(subdirs[i]!);
    }
  }
  return out;
}
