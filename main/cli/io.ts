import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';

/** The CLI's streams and environment, injected so tests can drive it in-process too. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

/** Everything on the stream, as text; `null` when the bytes are not valid UTF-8 (decoding them would change them). */
export async function readAll(stream: Readable): Promise<string | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  } finally {
    bytes.fill(0);
    for (const chunk of chunks) chunk.fill(0);
  }
}

/**
 * Asks on the terminal without echoing what is typed. The question goes to stderr so stdout
 * stays clean for `--json` and `reveal`; once it is shown, readline's echo is swallowed.
 */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const output = new Writable({
      write(chunk, _encoding, callback) {
        if (!muted) io.stderr.write(chunk);
        callback();
      },
    });
    const rl = createInterface({ input: io.stdin, output, terminal: true });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new Error('cancelled'));
    });
    rl.question(question, (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
