// The CLI's file system edges: reading a note with a byte cap while it is read (never the whole
// file first), refusing what is not a regular file, and writing an output file without ever
// destroying one (refused targets, a temporary file renamed into place). Messages are one line
// and never quote the note.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type ReadResult = { bytes: Buffer } | { error: string };

/** Readable error text for an errno code (no paths, no note text). */
export function describeError(e: unknown, verb = "read"): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return `cannot ${verb}: no space left on the device`;
  if (code === "EROFS") return `cannot ${verb}: read-only file system`;
  return `cannot ${verb} (${code ?? "error"})`;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads at most `maxBytes` bytes from an open descriptor. Returns the bytes, or `over` when the
 * source holds more (it is not read further: /dev/zero or an endless pipe ends at once).
 */
function readCapped(fd: number, maxBytes: number): { bytes: Buffer; over: boolean } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === "EAGAIN") {
        sleepMs(5);
        continue;
      }
      if (code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    if (total + n > maxBytes) {
      chunks.push(Buffer.from(buf.subarray(0, maxBytes - total)));
      return { bytes: Buffer.concat(chunks), over: true };
    }
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
  }
  return { bytes: Buffer.concat(chunks), over: false };
}

/**
 * A note's bytes, read with a cap of `maxBytes`: a file path must be a regular file (a directory,
 * FIFO, socket or device such as /dev/zero is refused without being read); `stdin` (a descriptor,
 * or a path in tests) is read as it comes, under the same cap.
 */
export function readNoteBytes(path: string, stdin: number | string, maxBytes: number): ReadResult {
  const fromStdin = path === "-";
  let fd: number;
  let opened = false;
  try {
    if (fromStdin && typeof stdin === "number") fd = stdin;
    else {
      const target = fromStdin ? (stdin as string) : path;
      // O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused.
      fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
      opened = true;
      const st = fstatSync(fd);
      if (st.isDirectory()) return { error: "is a directory" };
      if (!st.isFile()) return { error: "not a regular file (a device, pipe or socket); nothing was read" };
    }
    const { bytes, over } = readCapped(fd, maxBytes);
    if (over) return { error: `over the size limit (more than ${maxBytes.toLocaleString("en-US")} bytes); not checked` };
    return { bytes };
  } catch (e) {
    return { error: describeError(e) };
  } finally {
    if (opened) {
      try {
        closeSync(fd!);
      } catch {
        // nothing to do: the descriptor was only read
      }
    }
  }
}

/** Why `out` may not be written (undefined: it may). `inputs` are the notes read by this run. */
export function refuseOutput(out: string, inputs: string[], force: boolean): string | undefined {
  let st;
  try {
    st = lstatSync(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== "ENOENT") return describeError(e, "write");
    try {
      if (!statSync(dirname(out)).isDirectory()) return "its folder is not a directory";
    } catch {
      return "its folder does not exist";
    }
    return undefined;
  }
  if (st.isSymbolicLink()) return "is a symbolic link; refusing to write through it (name the real file)";
  if (st.isDirectory()) return "is a directory";
  if (!st.isFile()) return "not a regular file; refusing to write to it";
  for (const input of inputs) {
    if (input === "-") continue;
    try {
      const other = statSync(input);
      if (other.dev === st.dev && other.ino === st.ino) return "is the note being read; refusing to overwrite it";
    } catch {
      // an input that cannot be stat'ed cannot be the same file
    }
  }
  if (!force) return "already exists; use --force to replace it";
  return undefined;
}

/**
 * Writes `data` to `out` through a temporary file in the same folder, renamed into place: a failed
 * write (a full disk) leaves the previous file, if any, untouched and no partial file behind.
 */
export function writeFileAtomic(out: string, data: Uint8Array): void {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, out);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the temporary file is removed below
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already gone
    }
    throw e;
  }
}
