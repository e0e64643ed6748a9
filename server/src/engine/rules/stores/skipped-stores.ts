/**
 * What the deep checks say about a store they did not open, so that silence is not taken
 * for a clean bill: a setting known only at start-up, or a file too large to be a store.
 */
import { MAX_STORE_BYTES } from '../../deep/store-cache';
import { findingAt } from '../cross/workspace-rule';
import type { Finding } from '../finding';
import type { Resolved, StoreTarget } from './store-targets';

type Input = keyof StoreTarget['inputs'] | 'path';

/** The code that would have judged what each setting decides. */
const CODE_OF: Readonly<Record<Input, string>> = {
  path: 'store-content',
  password: 'store-password',
  keyPassword: 'store-password',
  type: 'store-format',
  alias: 'store-content',
};

/**
 * An information finding when a setting the store is opened with holds a substitution
 * without a default, such as `${KEYSTORE_PASSWORD}`: the store is then not opened at all.
 * One finding per store, for the first such setting.
 */
export function skippedStoreFinding(target: StoreTarget): Finding | undefined {
  const keystore = target.role === 'keystore';
  const candidates: [Input, Resolved][] = [
    ['path', { setting: target.pathSetting, value: target.path }],
    ['password', target.inputs.password],
    ...(keystore ? ([['keyPassword', target.inputs.keyPassword]] as [Input, Resolved][]) : []),
    ['type', target.inputs.type],
    ...(keystore ? ([['alias', target.inputs.alias]] as [Input, Resolved][]) : []),
  ];
  const found = candidates.find(([, resolved]) => resolved.value.kind === 'unresolved');
  if (!found) {
    return undefined;
  }
  const [input, resolved] = found;
  const setting = resolved.setting;
  // A password is never repeated, even one that only looks like a placeholder.
  const secret = input === 'password' || input === 'keyPassword';
  const shown =
    !secret && resolved.value.kind === 'unresolved' ? ` (\`${resolved.value.written}\`)` : '';
  return findingAt(
    CODE_OF[input],
    'information',
    `\`${setting?.path ?? input}\`${shown} is substituted only when Kestra starts and has no ` +
      `default here, so the ${target.role} was not opened: its password, content and ` +
      'certificates are not checked.',
    target.pathSetting.valuePlace,
    { store: target.prefix, unresolved: setting?.path ?? input },
  );
}

/** An information finding for a store file over the size the checks read. */
export function tooLargeFinding(target: StoreTarget, size: number): Finding {
  const limit = MAX_STORE_BYTES / (1024 * 1024);
  return findingAt(
    'store-content',
    'information',
    `The ${target.role} file holds ${size} bytes, more than the ${limit} MB this checker ` +
      'reads, so it was not opened. A keystore or truststore usually weighs a few kilobytes: ' +
      'check that the path names the right file.',
    target.pathSetting.valuePlace,
    { store: target.prefix, size },
  );
}
