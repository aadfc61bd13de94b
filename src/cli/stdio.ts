// Terminal checks and output without starting Node's stdio streams. The first
// touch of process.stdout/stdin/stderr builds a stream object, and for a pipe
// (cron, scripts, `| less`) that loads net and the whole streams stack:
// milliseconds on every command, for nothing a command needs. A command only
// needs to know whether fd 0/1/2 are terminals, and to write text.
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

type Fd = 1 | 2;

const terminal = new Map<number, boolean>();

/** Whether stdin (0), stdout (1) or stderr (2) is a terminal. */
export function isTerminal(fd: 0 | Fd): boolean {
  let is = terminal.get(fd);
  if (is === undefined) {
    // Node's tty module loads net and streams (~2 ms): ask it only about
    // character devices (a terminal, or /dev/null); a pipe or a file is not a
    // terminal, nor on Linux a memory device (major 1: /dev/null, /dev/zero),
    // where cron sends what it does not mail.
    let chr = false;
    try {
      const st = fstatSync(fd);
      chr = st.isCharacterDevice() && !(process.platform === 'linux' && ((st.rdev >> 8) & 0xfff) === 1);
    } catch {
      /* closed descriptor */
    }
    is = chr && (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
    terminal.set(fd, is);
  }
  return is;
}

const closed = new Set<Fd>();
const viaStream = new Set<Fd>();

function stream(fd: Fd): NodeJS.WriteStream {
  const s = fd === 1 ? process.stdout : process.stderr;
  if (!viaStream.has(fd)) {
    viaStream.add(fd);
    // `pmctl … | head` closes the pipe early: that is not an error.
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') closed.add(fd);
      else throw e;
    });
  }
  return s;
}

function write(fd: Fd, text: string): void {
  if (closed.has(fd) || !text) return;
  if (viaStream.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(fd, buf, off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') closed.add(fd);
    // A non-blocking descriptor that is full: the stream waits for it, and
    // keeps the order of everything written after.
    else if (code === 'EAGAIN') stream(fd).write(buf.subarray(off));
    else throw e;
  }
}

export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}
