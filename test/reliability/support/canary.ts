import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A unique, visibly fake key in a real format (a Stripe test key, so it is recognised, masked
 * and stored like any other): FAKE and CANARY in it, random in the middle so it can only have
 * come from this run.
 */
export function canaryKey(): string {
  return `sk_test_FAKE0CANARY${randomBytes(12).toString('hex')}0000`;
}

/** The ways a value could be written down in plain text: as is, UTF-16 (Windows APIs, some logs), base64 and hex. */
export function encodings(secret: string): Array<[string, Buffer]> {
  return [
    ['utf8', Buffer.from(secret, 'utf8')],
    ['utf16le', Buffer.from(secret, 'utf16le')],
    ['utf16be', Buffer.from(secret, 'utf16le').swap16()],
    ['base64', Buffer.from(Buffer.from(secret).toString('base64'))],
    ['hex', Buffer.from(Buffer.from(secret).toString('hex'))],
  ];
}

/** Every file under `dir` (backups, logs, temp files included) that holds the secret in any of those forms. */
export function filesContaining(dir: string, secret: string): string[] {
  const found: string[] = [];
  const needles = encodings(secret);
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        for (const [encoding, needle] of needles) if (bytes.includes(needle)) found.push(`${relative(dir, path)} (${encoding})`);
      }
    }
  };
  walk(dir);
  return found;
}

export function countFiles(dir: string): number {
  let count = 0;
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else count++;
    }
  };
  walk(dir);
  return count;
}
