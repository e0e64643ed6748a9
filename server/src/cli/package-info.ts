import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the checker says about itself in `--version` and in SARIF's tool description. */
export interface PackageInfo {
  name: string;
  version: string;
  homepage?: string;
}

const PACKAGE_NAME = 'kestra-tls';

let cached: PackageInfo | undefined;

/**
 * Reads name, version and homepage from the package's own package.json. The file is found
 * by walking up from this module, because the bundle (dist/cli.js) and the compiled tests
 * (out/server/src/cli) sit at different depths below it.
 */
export function packageInfo(): PackageInfo {
  cached ??= findPackageInfo(__dirname) ?? { name: PACKAGE_NAME, version: '0.0.0' };
  return cached;
}

function findPackageInfo(start: string): PackageInfo | undefined {
  let folder = start;
  for (;;) {
    const info = readPackageJson(path.join(folder, 'package.json'));
    if (info) {
      return info;
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      return undefined;
    }
    folder = parent;
  }
}

function readPackageJson(file: string): PackageInfo | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof manifest !== 'object' || manifest === null) {
    return undefined;
  }
  const { name, version, homepage } = manifest as Record<string, unknown>;
  if (name !== PACKAGE_NAME || typeof version !== 'string') {
    return undefined;
  }
  return { name, version, ...(typeof homepage === 'string' ? { homepage } : {}) };
}
