/**
 * The deep checks: open the keystores and truststores a deployment names, when they are
 * files of the workspace, and report what Java would refuse or clients would reject. The
 * findings come from the store library; this rule finds the files, opens them through a
 * cache and anchors every finding at the store path's value in the configuration.
 */
import { checkStore, type StoreFinding, type StoreReport } from '../../../stores/index';
import { DEFAULT_DEEP_VALIDATION, type DeepValidationOptions } from '../../deep/options';
import { StoreCache } from '../../deep/store-cache';
import type { Deployment, WorkspaceIndex } from '../../deployment/deployment';
import type { WorkspaceFileSystem } from '../../deployment/file-system';
import { IdentityMemo } from '../../deployment/memo';
import { findingAt, type WorkspaceRule } from '../cross/workspace-rule';
import type { Finding } from '../finding';
import type { RuleDescription } from '../rule';
import { keystoreCertificateFindings, trustFindings } from './certificate-findings';
import { serverNames } from './server-names';
import { skippedStoreFinding, tooLargeFinding } from './skipped-stores';
import { readableStoreFile, workspaceHostFile } from './store-location';
import { type Resolved, type StoreTarget, storeTargets } from './store-targets';

/** The codes of the deep checks, as users see them in settings and docs. */
export const STORE_RULES: readonly RuleDescription[] = [
  {
    code: 'store-password',
    defaultSeverity: 'error',
    summary: 'The configured password does not open the keystore or truststore, or its key.',
  },
  {
    code: 'store-format',
    defaultSeverity: 'error',
    summary: "The store's real format, read from its bytes, against its declared type.",
  },
  {
    code: 'store-content',
    defaultSeverity: 'error',
    summary:
      'A keystore without one usable private key, a truststore without a trusted ' +
      'certificate, or PKCS#12 encryption current tools refuse.',
  },
  {
    code: 'cert-hostname',
    defaultSeverity: 'error',
    summary: "The server certificate's SANs miss a name Kestra is reached by.",
  },
  {
    code: 'cert-expiry',
    defaultSeverity: 'error',
    summary: 'A certificate of the server chain is expired, not yet valid, or expires soon.',
  },
  {
    code: 'cert-untrusted',
    defaultSeverity: 'error',
    summary: 'The server chain does not lead to a CA of the configured truststore.',
  },
  {
    code: 'cert-usage',
    defaultSeverity: 'error',
    summary:
      'The server certificate is a CA, lacks serverAuth or digitalSignature, ' +
      'or has a weak key or signature.',
  },
];

/** A store the rule opened, with the report the library read from it. */
interface OpenedStore {
  target: StoreTarget;
  report: StoreReport;
}

/** What a run of the rule shares across deployments. */
interface Run {
  index: WorkspaceIndex;
  fileSystem: WorkspaceFileSystem;
  cache: StoreCache;
  options: DeepValidationOptions;
  now: Date;
}

/**
 * The deep store rule with its own cache. The engine uses one for the whole process;
 * tests make their own to count how often stores are opened.
 */
export function createStoreRule(cache: StoreCache = new StoreCache()): WorkspaceRule {
  return {
    rules: STORE_RULES,
    check(index, context): Finding[] {
      const options = context.deepValidation ?? DEFAULT_DEEP_VALIDATION;
      if (!options.deepValidation) {
        return [];
      }
      const run: Run = { index, fileSystem: context.fileSystem, cache, options, now: new Date() };
      return index.deployments.flatMap((deployment) => checkDeployment(deployment, run));
    },
  };
}

/** The rule the engine registers. */
export const storeRule: WorkspaceRule = createStoreRule();

function checkDeployment(deployment: Deployment, run: Run): Finding[] {
  const findings: Finding[] = [];
  const opened: OpenedStore[] = [];
  const folders = run.index.folders;
  for (const target of targetsOf(deployment)) {
    const hostFile = hostFileOf(deployment, folders, target);
    const file =
      hostFile === undefined
        ? undefined
        : readableStoreFile(deployment, folders, run.fileSystem, hostFile);
    // A placeholder in the path is worth a word; a store that is no file of the workspace,
    // such as a Secret's, is not opened and needs none.
    const skipped = target.path.kind === 'unresolved' || file ? skippedFinding(target) : undefined;
    if (skipped) {
      findings.push(skipped);
      continue;
    }
    if (!file) {
      continue;
    }
    const reading = run.cache.read(run.fileSystem, file.fsPath, file.stamp, {
      store: known(target.inputs.password),
      key: target.role === 'keystore' ? known(target.inputs.keyPassword) : undefined,
    });
    if (reading.kind === 'too-large') {
      findings.push(tooLargeFinding(target, reading.size));
    } else if (reading.kind === 'opened') {
      opened.push({ target, report: reading.report });
      findings.push(...anchor(target, storeFindings(deployment, target, reading.report, run)));
    }
  }
  findings.push(...untrustedFindings(opened));
  return findings;
}

/**
 * What follows from a deployment alone, kept by its configuration and container, which
 * builds reuse while their sources are unchanged: the stores it opens with their settings,
 * the host file each names, and the word said when one is known only at start-up. The disk,
 * the stores' content and the deep-validation settings are read on every run.
 */
const targetsByConfig = new IdentityMemo<StoreTarget[]>(2);
const hostFiles = new IdentityMemo<string | undefined>(2);
const skippedFindings = new WeakMap<StoreTarget, Finding | null>();

function targetsOf(deployment: Deployment): StoreTarget[] {
  const inputs = [deployment.kind, deployment.listening.ssl];
  return targetsByConfig.get(deployment.config, inputs, () => storeTargets(deployment));
}

function hostFileOf(
  deployment: Deployment,
  folders: readonly string[],
  target: StoreTarget,
): string | undefined {
  if (target.path.kind !== 'known') {
    return undefined;
  }
  const storePath = target.path.value;
  const inputs = [deployment.container?.mounts, deployment.folder, folders];
  return hostFiles.get(target, inputs, () => workspaceHostFile(deployment, folders, storePath));
}

function skippedFinding(target: StoreTarget): Finding | undefined {
  let finding = skippedFindings.get(target);
  if (finding === undefined) {
    finding = skippedStoreFinding(target) ?? null;
    skippedFindings.set(target, finding);
  }
  return finding ?? undefined;
}

/** The store checks of any store; the certificate checks of a keystore. */
function storeFindings(
  deployment: Deployment,
  target: StoreTarget,
  report: StoreReport,
  run: Run,
): StoreFinding[] {
  const alias = known(target.inputs.alias);
  const findings = checkStore(report, {
    role: target.role,
    declaredType: known(target.inputs.type),
    alias,
  });
  if (target.role !== 'keystore' || !readable(report)) {
    return findings;
  }
  const certificates = keystoreCertificateFindings(report, {
    alias,
    server: target.server,
    names: target.server ? serverNames(deployment) : [],
    warnDays: run.options.certificateExpiryWarningDays,
    now: run.now,
  });
  return [...findings, ...certificates];
}

/**
 * cert-untrusted, at the truststore: the chain the server presents must lead to a CA of
 * the truststore configured beside its keystore.
 */
function untrustedFindings(opened: readonly OpenedStore[]): Finding[] {
  const keystore = opened.find((store) => store.target.server && store.target.role === 'keystore');
  const truststore = opened.find(
    (store) => store.target.server && store.target.role === 'truststore',
  );
  if (!keystore || !truststore || !readable(keystore.report) || !readable(truststore.report)) {
    return [];
  }
  const alias = known(keystore.target.inputs.alias);
  return anchor(truststore.target, trustFindings(keystore.report, alias, truststore.report));
}

/** True when the report lists what the file holds: it parsed and the password opened it. */
function readable(report: StoreReport): boolean {
  return report.error === undefined && report.password !== 'wrong';
}

/** The value Kestra will read, when the workspace tells it. */
function known(resolved: Resolved): string | undefined {
  return resolved.value.kind === 'known' ? resolved.value.value : undefined;
}

/** Places the library's findings at the store path's value. */
function anchor(target: StoreTarget, findings: readonly StoreFinding[]): Finding[] {
  const storePath = target.path.kind === 'known' ? target.path.value : '';
  return findings.map((finding) =>
    findingAt(finding.code, finding.severity, finding.message, target.pathSetting.valuePlace, {
      ...finding.data,
      storePath,
      store: target.prefix,
    }),
  );
}
