import type { Deployment } from '../../deployment/deployment';
import {
  type EffectiveConfig,
  isPlaceholder,
  type Setting,
  settingFlag,
  settingText,
} from '../../deployment/effective-config';

/** Which SSL configuration a store belongs to. */
export type StoreScope = 'server' | 'shared' | 'client';

/** A keystore or truststore a deployment configures, with its path, password and type. */
export interface StoreSettings {
  scope: StoreScope;
  store: 'key-store' | 'trust-store';
  /** The property prefix, such as `micronaut.server.ssl.key-store`. */
  prefix: string;
  path: Setting | undefined;
  password: Setting | undefined;
  type: Setting | undefined;
}

const SCOPES: [StoreScope, string][] = [
  ['server', 'micronaut.server.ssl'],
  ['shared', 'micronaut.ssl'],
  ['client', 'micronaut.http.client.ssl'],
];

const storesByConfig = new WeakMap<EffectiveConfig, StoreSettings[]>();

/** Every keystore and truststore the configuration names, in every SSL scope. */
export function storeSettings(config: EffectiveConfig): StoreSettings[] {
  let stores = storesByConfig.get(config);
  if (!stores) {
    stores = readStores(config);
    storesByConfig.set(config, stores);
  }
  return stores;
}

function readStores(config: EffectiveConfig): StoreSettings[] {
  return SCOPES.flatMap(([scope, base]) =>
    (['key-store', 'trust-store'] as const).flatMap((store): StoreSettings[] => {
      const prefix = `${base}.${store}`;
      const settings = {
        path: config.get(`${prefix}.path`),
        password: config.get(`${prefix}.password`),
        type: config.get(`${prefix}.type`),
      };
      if (!settings.path && !settings.password && !settings.type) {
        return [];
      }
      return [{ scope, store, prefix, ...settings }];
    }),
  );
}

/** Loaded stores by configuration, with whether server SSL was on when they were picked. */
const loadedByConfig = new WeakMap<
  EffectiveConfig,
  { ssl: Deployment['listening']['ssl']; stores: StoreSettings[] }
>();

/**
 * The stores the deployment really loads: server stores only while server SSL may be on,
 * and no keystore when `build-self-signed` replaces it. Several rules ask on every build;
 * the answer follows from the configuration, which builds reuse while it is unchanged.
 */
export function loadedStores(deployment: Deployment): StoreSettings[] {
  const { config, listening } = deployment;
  const known = loadedByConfig.get(config);
  if (known?.ssl === listening.ssl) {
    return known.stores;
  }
  const selfSigned = [
    config.get('micronaut.server.ssl.build-self-signed'),
    config.get('micronaut.ssl.build-self-signed'),
  ].some((setting) => settingFlag(setting) === true);
  const stores = storeSettings(config).filter((store) => {
    if (store.scope === 'server' && listening.ssl === false) {
      return false;
    }
    return !(store.store === 'key-store' && store.scope !== 'client' && selfSigned);
  });
  loadedByConfig.set(config, { ssl: listening.ssl, stores });
  return stores;
}

/** A store path that names a file: the container path and where the setting stands. */
export interface FileStorePath {
  setting: Setting;
  /** The path inside the container, without the `file:` prefix. */
  containerPath: string;
}

/** The file a store path names, when it names one; `classpath:` and placeholders do not. */
export function fileStorePath(setting: Setting | undefined): FileStorePath | undefined {
  const text = settingText(setting);
  if (!setting || text === undefined || isPlaceholder(setting)) {
    return undefined;
  }
  if (text.startsWith('file:')) {
    return { setting, containerPath: text.slice('file:'.length) };
  }
  // FIXME: a path without `file:` or `classpath:` is read as a file path. Should Micronaut
  // resolve it otherwise, the mount checks judge a location Kestra never opens.
  return text.startsWith('/') ? { setting, containerPath: text } : undefined;
}

/** The store type a file name implies, from its extension. */
export function typeOfFileName(file: string): 'PKCS12' | 'JKS' | undefined {
  if (/\.(p12|pfx|pkcs12)$/i.test(file)) {
    return 'PKCS12';
  }
  return /\.jks$/i.test(file) ? 'JKS' : undefined;
}
