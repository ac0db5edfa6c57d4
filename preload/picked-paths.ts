/**
 * Paths of files the user picked or dropped, as Electron gave them for their File objects
 * (webUtils.getPathForFile). The page may hand main a path to import only if it is one of
 * these: a page cannot make main read a file it merely names. Main checks again that the path
 * is a regular file (main/costs/import-service.ts).
 */
export class PickedPaths {
  readonly #paths = new Set<string>();

  /** Remembers a picked file's path; '' (a File the page made itself) gives null. */
  grant(path: string): string | null {
    if (!path) return null;
    this.#paths.add(path);
    return path;
  }

  /** Whether a `usage.preview` input may go to main: bytes, or a path this window was given. */
  allows(input: unknown): boolean {
    const file = (input as { file?: unknown } | null)?.file;
    if (typeof file !== 'object' || file === null || !('path' in file)) return true;
    return typeof file.path === 'string' && this.#paths.has(file.path);
  }
}
