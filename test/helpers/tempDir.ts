/**
 * Temporary directories for tests: made under the OS temp directory and removed when the test process exits, so a
 * run of the suite leaves nothing behind (a tester counted thousands of `kq-*` directories piled up in /tmp).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

/** A new empty directory named `<prefix>XXXXXX` under the OS temp directory, removed (with its contents) at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const d of made) {
        try {
          rmSync(d, { recursive: true, force: true });
        } catch {
          // Left behind: nothing a test can do about it at exit.
        }
      }
    });
  }
  return dir;
}
