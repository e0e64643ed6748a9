import * as path from 'node:path';
import type { FileAnalysis } from '../file-analysis';
import type { ConfigTree } from '../model/config';
import type { DocumentModel } from '../model/document';
import { findPair } from '../yaml/nodes';
import { composeDeployments } from './compose-deployments';
import { type ComposeFile, composeProjects, composeServices } from './compose-project';
import type { ConfigLookup } from './config-sources';
import type { Deployment, WorkspaceIndex } from './deployment';
import { effectiveConfig } from './effective-config';
import { helmDeployment } from './helm-release';
import { type IndexedDocument, indexedDocuments } from './indexed-documents';
import { kubernetesDeployments } from './kubernetes-deployments';
import {
  type CertificateFacts,
  type IngressFacts,
  type IssuerFacts,
  type KeyedObjectFacts,
  readCertificate,
  readIngress,
  readIssuer,
  readKeyedObject,
  readService,
  type ServiceFacts,
  sameNamespace,
} from './kubernetes-objects';
import { whatListens } from './listening';
import { type DocumentRef, placeOf, type Sourced } from './place';
import { sameDeployments } from './same-deployments';
import { linkServices } from './service-links';

/** What the index is built from: the files of the workspace, as the engine analysed them. */
export interface IndexInput {
  files: ReadonlyMap<string, FileAnalysis>;
  knownPaths: ReadonlySet<string>;
  folders: readonly string[];
}

/**
 * Builds the deployment model of a workspace from its analysed files. It reads the cached
 * document models only, so rebuilding it after an edit costs a walk over the documents.
 */
export function buildIndex(input: IndexInput): WorkspaceIndex {
  const documents = indexedDocuments(input.files);
  const index: WorkspaceIndex = {
    deployments: [],
    services: [],
    ingresses: [],
    secrets: [],
    configMaps: [],
    issuers: [],
    certificates: [],
    dependents: new Map(),
    folders: input.folders,
  };
  const objectTrees = new Map<KeyedObjectFacts, Map<string, Sourced<ConfigTree>[]>>();
  const fileTrees = new Map<string, Sourced<ConfigTree>[]>();
  for (const document of documents) {
    collectObjects(document, index, objectTrees);
    if (document.model.kind === 'kestra-config') {
      const trees = document.model.configs.map((value) => ({ value, at: document.at }));
      fileTrees.set(document.fsPath, [...(fileTrees.get(document.fsPath) ?? []), ...trees]);
    }
  }
  const usedFiles = new Set<string>();
  const lookup: ConfigLookup = {
    fileConfigs(fsPath) {
      const normalized = path.normalize(fsPath);
      const trees = fileTrees.get(normalized);
      if (trees) {
        usedFiles.add(normalized);
      }
      return trees;
    },
    objectConfigs(kind, name, namespace, key) {
      const objects = kind === 'Secret' ? index.secrets : index.configMaps;
      const object = objects.find(
        (candidate) => candidate.name === name && sameNamespace(candidate.namespace, namespace),
      );
      return object ? objectTrees.get(object)?.get(key) : undefined;
    },
  };
  const composeFiles: ComposeFile[] = [];
  for (const document of documents) {
    const { model, at, fsPath } = document;
    if (model.kind === 'compose') {
      composeFiles.push({ at, fsPath, model, services: composeServices(model, input.knownPaths) });
    } else if (model.kind === 'kubernetes') {
      index.deployments.push(...kubernetesDeployments(model, at, fsPath, lookup));
    } else if (model.kind === 'helm-values') {
      const release = helmDeployment(model, at, fsPath);
      if (release) {
        index.deployments.push(release);
      }
    }
  }
  for (const project of composeProjects(composeFiles)) {
    index.deployments.push(...composeDeployments(project, lookup));
  }
  // FIXME: a ConfigMap or Secret holding application.yml that no workload of the workspace
  // mounts is not a deployment of its own, so the cross-checks do not look into it.
  for (const [fsPath, trees] of fileTrees) {
    // A file with only a `micronaut` section may configure any Micronaut application.
    if (!usedFiles.has(fsPath) && trees.some((tree) => findPair(tree.value.root, 'kestra'))) {
      index.deployments.push(configFileDeployment(fsPath, trees));
    }
  }
  linkServices(index);
  index.deployments = sameDeployments(index.deployments);
  index.dependents = dependentsOf(index.deployments);
  return index;
}

function collectObjects(
  document: IndexedDocument,
  index: WorkspaceIndex,
  objectTrees: Map<KeyedObjectFacts, Map<string, Sourced<ConfigTree>[]>>,
): void {
  const { model, at } = document;
  for (const object of objectsOf(model, at)) {
    switch (object.kind) {
      case 'Service':
        index.services.push(object.facts);
        break;
      case 'Ingress':
        index.ingresses.push(object.facts);
        break;
      case 'Issuer':
        index.issuers.push(object.facts);
        break;
      case 'Certificate':
        index.certificates.push(object.facts);
        break;
      case 'Secret':
      case 'ConfigMap':
        (object.kind === 'Secret' ? index.secrets : index.configMaps).push(object.facts);
        objectTrees.set(object.facts, treesOf(object.facts, model, at));
        break;
    }
  }
}

type ObjectOf =
  | { kind: 'Service'; facts: ServiceFacts }
  | { kind: 'Ingress'; facts: IngressFacts }
  | { kind: 'Issuer'; facts: IssuerFacts }
  | { kind: 'Certificate'; facts: CertificateFacts }
  | { kind: 'Secret' | 'ConfigMap'; facts: KeyedObjectFacts };

/** The objects of a document model, and the last place they were given. */
const objectsByModel = new WeakMap<
  DocumentModel,
  { read: ObjectOf[]; at: DocumentRef; placed: ObjectOf[] }
>();

/**
 * The objects of a document, read once per document model: only the place of the
 * document changes when an edit elsewhere moves it, and then so do their facts.
 */
function objectsOf(model: DocumentModel, at: DocumentRef): ObjectOf[] {
  const known = objectsByModel.get(model);
  if (known?.at === at) {
    return known.placed;
  }
  const read = known?.read ?? readObjects(model, at);
  const placed = read.map((object) => ({ ...object, facts: { ...object.facts, at } }) as ObjectOf);
  objectsByModel.set(model, { read, at, placed });
  return placed;
}

function readObjects(model: DocumentModel, at: DocumentRef): ObjectOf[] {
  return model.objects.flatMap((object): ObjectOf[] => {
    switch (object.kind) {
      case 'Service':
        return wrap('Service', readService(object, at));
      case 'Ingress':
        return wrap('Ingress', readIngress(object, at));
      case 'Issuer':
      case 'ClusterIssuer':
        return wrap('Issuer', readIssuer(object, at));
      case 'Certificate':
        return wrap('Certificate', readCertificate(object, at));
      case 'Secret':
      case 'ConfigMap':
        return wrap(object.kind, readKeyedObject(object, at));
      default:
        return [];
    }
  });
}

function wrap<K extends ObjectOf['kind']>(
  kind: K,
  facts: Extract<ObjectOf, { kind: K }>['facts'] | undefined,
): ObjectOf[] {
  return facts ? [{ kind, facts } as ObjectOf] : [];
}

/** The trees of each Secret or ConfigMap, whose facts are the same while its document is. */
const treesByObject = new WeakMap<KeyedObjectFacts, Map<string, Sourced<ConfigTree>[]>>();

function treesOf(
  facts: KeyedObjectFacts,
  model: DocumentModel,
  at: DocumentRef,
): Map<string, Sourced<ConfigTree>[]> {
  let trees = treesByObject.get(facts);
  if (!trees) {
    trees = treesByKey(facts, model, at);
    treesByObject.set(facts, trees);
  }
  return trees;
}

/** The configuration files a Secret or ConfigMap holds, by key. */
function treesByKey(
  facts: KeyedObjectFacts,
  model: DocumentModel,
  at: DocumentRef,
): Map<string, Sourced<ConfigTree>[]> {
  const byKey = new Map<string, Sourced<ConfigTree>[]>();
  const prefix = `${facts.name}/`;
  for (const tree of model.configs) {
    if (
      (tree.origin === 'configmap-file' || tree.origin === 'secret-file') &&
      tree.label.startsWith(prefix)
    ) {
      byKey.set(tree.label.slice(prefix.length), [{ value: tree, at }]);
    }
  }
  return byKey;
}

/**
 * A Kestra configuration file that no deployment of the workspace reads. A file named like
 * `application-test.yml` only adds to another file, so what it leaves out may be set there.
 */
function configFileDeployment(fsPath: string, trees: Sourced<ConfigTree>[]): Deployment {
  const first = trees[0] as Sourced<ConfigTree>;
  const overlay = /^(application|bootstrap)-.+\.ya?ml$/.test(path.basename(fsPath));
  const config = effectiveConfig({ trees, properties: [], complete: !overlay });
  return {
    kind: 'config-file',
    name: path.basename(fsPath),
    namePlace: placeOf(first.at, { start: first.value.span.start, end: first.value.span.start }),
    namespace: undefined,
    container: undefined,
    config,
    listening: whatListens(config),
    labels: new Map(),
    services: [],
    helmIngress: undefined,
    helmChart: undefined,
    folder: path.dirname(fsPath),
    sources: new Set(trees.map((tree) => tree.at.uri)),
  };
}

/** Every file of a deployment depends on every other one: a finding may move between them. */
function dependentsOf(deployments: readonly Deployment[]): Map<string, Set<string>> {
  const dependents = new Map<string, Set<string>>();
  for (const deployment of deployments) {
    for (const source of deployment.sources) {
      const set = dependents.get(source) ?? new Set<string>();
      for (const other of deployment.sources) {
        set.add(other);
      }
      dependents.set(source, set);
    }
  }
  return dependents;
}
