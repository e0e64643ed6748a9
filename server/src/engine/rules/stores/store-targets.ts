/**
 * The keystores and truststores a deployment opens, with the passwords, type and alias
 * Micronaut would open them with.
 */
import type { Deployment } from '../../deployment/deployment';
import type { Setting } from '../../deployment/effective-config';
import { loadedStores, type StoreScope, type StoreSettings } from '../cross/stores';
import { type SettingValue, settingValue } from './setting-values';

/** The SSL block each scope reads, and the shared block it falls back to. */
const BASES: Readonly<Record<StoreScope, string>> = {
  server: 'micronaut.server.ssl',
  shared: 'micronaut.ssl',
  client: 'micronaut.http.client.ssl',
};
const SHARED = BASES.shared;

/** A store a deployment opens, and what the checks need to open and judge it. */
export interface StoreTarget {
  role: 'keystore' | 'truststore';
  scope: StoreScope;
  /** The property prefix, such as `micronaut.server.ssl.key-store`. */
  prefix: string;
  /** The path setting: every finding about the store is reported at its value. */
  pathSetting: Setting;
  path: SettingValue;
  /** Settings that open the store; the key password and alias matter for keystores only. */
  inputs: {
    password: Resolved;
    type: Resolved;
    keyPassword: Resolved;
    alias: Resolved;
  };
  /**
   * True for the keystore the server presents and the truststore beside it: the server
   * scope, or the shared one when the server scope does not name that store.
   */
  server: boolean;
}

/** A setting with the value Kestra will read. */
export interface Resolved {
  setting: Setting | undefined;
  value: SettingValue;
}

/**
 * Every store with a path that the deployment loads.
 *
 * FIXME: the JVM's own stores (`-Djavax.net.ssl.trustStore` and its password and type) are
 * not opened, so a wrong password or an expired CA there shows only at Kestra's first call
 * out.
 */
export function storeTargets(deployment: Deployment): StoreTarget[] {
  const stores = loadedStores(deployment).filter((store) => store.path !== undefined);
  const serverSsl = deployment.listening.ssl !== false;
  return stores.map((store) => {
    const resolve = (setting: Setting | undefined): Resolved => ({
      setting,
      value: settingValue(deployment, setting),
    });
    const own = (name: 'password' | 'type') =>
      store[name] ?? sharedSetting(deployment, store, `${store.store}.${name}`);
    // FIXME: Micronaut 4.7's server never reads key.alias, yet the checks look at the entry
    // it names: with several keys the server may present another one than the one checked.
    const key = (name: 'password' | 'alias') =>
      deployment.config.get(`${BASES[store.scope]}.key.${name}`) ??
      sharedSetting(deployment, store, `key.${name}`);
    const serverScoped = stores.some(
      (other) => other.scope === 'server' && other.store === store.store,
    );
    return {
      role: store.store === 'key-store' ? 'keystore' : 'truststore',
      scope: store.scope,
      prefix: store.prefix,
      pathSetting: store.path as Setting,
      path: settingValue(deployment, store.path),
      inputs: {
        password: resolve(own('password')),
        type: resolve(own('type')),
        keyPassword: resolve(key('password')),
        alias: resolve(key('alias')),
      },
      server:
        serverSsl && (store.scope === 'server' || (store.scope === 'shared' && !serverScoped)),
    };
  });
}

/**
 * Micronaut's server and client SSL settings start from the shared `micronaut.ssl` block
 * and override it property by property: a server keystore may take its password there.
 */
function sharedSetting(
  deployment: Deployment,
  store: StoreSettings,
  name: string,
): Setting | undefined {
  return store.scope === 'shared' ? undefined : deployment.config.get(`${SHARED}.${name}`);
}
