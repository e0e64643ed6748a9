import * as fs from 'node:fs';
import * as path from 'node:path';

const PAGE = path.join('docs', 'rules.md');

/**
 * The text of docs/rules.md, the page that documents every rule. The bundles carry it
 * (scripts/build.mjs puts it in place of this module); compiled code reads it from the
 * repository, found by walking up from this module. Empty when it cannot be found.
 */
export function rulesPage(): string {
  let folder = __dirname;
  for (;;) {
    try {
      return fs.readFileSync(path.join(folder, PAGE), 'utf8');
    } catch {
      const parent = path.dirname(folder);
      if (parent === folder) {
        return '';
      }
      folder = parent;
    }
  }
}
