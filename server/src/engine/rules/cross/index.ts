import { storeRule } from '../stores/store-rule';
import { csrfWithoutSslRule } from './csrf-without-ssl';
import { deadPortSettingRule } from './dead-port-setting';
import { inertSslSettingsRule } from './inert-ssl-settings';
import { ingressTlsRule } from './ingress-tls';
import { javaTruststoreRule } from './java-truststore';
import { plaintextSecretRule } from './plaintext-secret';
import { portNotListeningRule } from './port-not-listening';
import { sslPortNotPublishedRule } from './ssl-port-not-published';
import { clientAuthNeedRule, keystoreMissingRule, truststoreMissingRule } from './ssl-settings';
import { classpathStoreRule, storeTypeMismatchRule } from './store-declarations';
import { storeFileMissingRule } from './store-file-missing';
import { storeNotMountedRule } from './store-not-mounted';
import { urlMismatchRule } from './url-mismatch';
import type { WorkspaceRule } from './workspace-rule';

export type { WorkspaceRule, WorkspaceRuleContext } from './workspace-rule';

/** The rules that reason across a whole deployment, over the files of a workspace. */
export const workspaceRules: readonly WorkspaceRule[] = [
  sslPortNotPublishedRule,
  portNotListeningRule,
  deadPortSettingRule,
  keystoreMissingRule,
  truststoreMissingRule,
  clientAuthNeedRule,
  storeNotMountedRule,
  storeFileMissingRule,
  classpathStoreRule,
  storeTypeMismatchRule,
  inertSslSettingsRule,
  javaTruststoreRule,
  csrfWithoutSslRule,
  urlMismatchRule,
  ingressTlsRule,
  plaintextSecretRule,
  storeRule,
];
