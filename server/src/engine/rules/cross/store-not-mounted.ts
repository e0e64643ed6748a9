import type { Deployment, DeploymentContainer } from '../../deployment/deployment';
import { mountFor } from '../../deployment/mounts';
import type { Finding } from '../finding';
import { fileStorePath, loadedStores } from './stores';
import {
  describe,
  eachDeployment,
  findingAt,
  isKestraImage,
  type WorkspaceRule,
} from './workspace-rule';

const CODE = 'store-not-mounted';

/**
 * Reports a `file:` keystore or truststore path under no mount of the container: Kestra's
 * image holds no such file, so Micronaut stops at start-up with "The resource ... could not
 * be found". With an image of the user's own, the file may be inside it: information then.
 */
export const storeNotMountedRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'error',
      summary: 'A `file:` keystore or truststore path under no mount of the container.',
    },
  ],
  check: eachDeployment((deployment) => {
    const container = deployment.container;
    if (!container || !deployment.config.complete) {
      return [];
    }
    return unmountedStores(deployment, container);
  }),
};

function unmountedStores(deployment: Deployment, container: DeploymentContainer): Finding[] {
  return loadedStores(deployment).flatMap((store) => {
    const file = fileStorePath(store.path);
    if (!file || mountFor(container.mounts, file.containerPath)) {
      return [];
    }
    const ownImage = !isKestraImage(container.image);
    return [
      findingAt(
        CODE,
        ownImage ? 'information' : 'error',
        `\`${file.containerPath}\` is under no volume of ${describe(deployment)}` +
          (ownImage
            ? ': unless the image holds it, Kestra fails at start-up'
            : ", and Kestra's image has no such file: Kestra fails at start-up") +
          ` with "The resource ${file.containerPath} could not be found". ` +
          mountAdvice(deployment),
        file.setting.valuePlace,
        { path: file.containerPath, store: store.prefix },
      ),
    ];
  });
}

function mountAdvice(deployment: Deployment): string {
  switch (deployment.kind) {
    case 'compose-service':
      return 'Mount its folder, for example `./ssl:/app/ssl:ro` under `volumes`.';
    case 'helm-release':
      return 'Mount it with `common.extraVolumes` and `common.extraVolumeMounts`.';
    default:
      return 'Mount the Secret that holds it with `volumes` and `volumeMounts`.';
  }
}
