// Searches files and in-memory records for a secret marker, as bytes, and also for its base64 forms (a header
// dumped as base64 would otherwise slip past a plain-text search).
import * as fs from 'fs';
import * as path from 'path';

export interface Place {
  /** A file path, or a label such as "settings askLlama.baseUrl" or "page message #12". */
  where: string;
  excerpt: string;
}

/** The byte sequences that betray the marker. */
export function markerForms(marker: string): Buffer[] {
  return [marker, Buffer.from(marker).toString('base64').replace(/=+$/, ''), Buffer.from(`Bearer ${marker}`).toString('base64').replace(/=+$/, '')].map(
    (form) => Buffer.from(form),
  );
}

function excerptAround(buffer: Buffer, at: number): string {
  return buffer.subarray(Math.max(0, at - 60), at + 80).toString('utf8').replace(/[^\x20-\x7e]/g, '.');
}

export function searchBuffer(where: string, buffer: Buffer, forms: Buffer[]): Place[] {
  const found: Place[] = [];
  for (const form of forms) {
    const at = buffer.indexOf(form);
    if (at >= 0) found.push({ where, excerpt: excerptAround(buffer, at) });
  }
  return found;
}

export function searchText(where: string, text: string, forms: Buffer[]): Place[] {
  return searchBuffer(where, Buffer.from(text), forms);
}

export interface TreeSearch {
  files: string[];
  found: Place[];
}

/** Every regular file below `root` (symlinks not followed; files over 200 MB skipped and listed as such). */
export function searchTree(root: string, forms: Buffer[]): TreeSearch {
  const files: string[] = [];
  const found: Place[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        files.push(full);
        let buffer: Buffer;
        try {
          if (fs.statSync(full).size > 200 * 1024 * 1024) {
            found.push({ where: full, excerpt: 'too large to search' });
            continue;
          }
          buffer = fs.readFileSync(full);
        } catch {
          continue; // removed while we walked (temp files)
        }
        found.push(...searchBuffer(full, buffer, forms));
      }
    }
  };
  walk(root);
  return { files, found };
}
