import { type EffectiveConfig, type Setting, settingFlag, settingPort } from './effective-config';

/** Kestra's ports when nothing changes them. */
export const DEFAULT_HTTP_PORT = 8080;
export const DEFAULT_SSL_PORT = 8443;
export const DEFAULT_MANAGEMENT_PORT = 8081;

/** A port the Kestra server listens on, and what it speaks there. */
export interface ListeningPort {
  port: number;
  scheme: 'http' | 'https';
  role: 'http' | 'ssl' | 'management';
}

/** What a deployment's server listens on, derived from its effective configuration. */
export interface Listening {
  /** True or false when known; unknown when a placeholder or a missing file decides. */
  ssl: boolean | 'unknown';
  /** The setting that turns SSL on, to point at. */
  sslSetting: Setting | undefined;
  sslPort: number | 'unknown';
  /** The setting that moves the SSL port, when one does. */
  sslPortSetting: Setting | undefined;
  httpPort: number | 'unknown';
  httpPortSetting: Setting | undefined;
  dualProtocol: boolean | 'unknown';
  managementPort: number | 'unknown';
  /** Every port that certainly listens. */
  ports: ListeningPort[];
  /** True when every port above is known, so a port missing from `ports` certainly is closed. */
  certain: boolean;
}

/** What listens, by the configuration it follows from: configurations are reused by builds. */
const listeningByConfig = new WeakMap<EffectiveConfig, Listening>();

/**
 * Derives what listens: the SSL port when SSL is on; the HTTP port unless SSL is on
 * without `dual-protocol`; the management port, which always speaks plain HTTP.
 */
export function whatListens(config: EffectiveConfig): Listening {
  let listening = listeningByConfig.get(config);
  if (!listening) {
    listening = deriveListening(config);
    listeningByConfig.set(config, listening);
  }
  return listening;
}

function deriveListening(config: EffectiveConfig): Listening {
  const serverEnabled = config.get('micronaut.server.ssl.enabled');
  const sharedEnabled = config.get('micronaut.ssl.enabled');
  const flags = [serverEnabled, sharedEnabled].map((setting) => settingFlag(setting));
  // Either property turns server SSL on.
  const ssl: boolean | 'unknown' = flags.includes(true)
    ? true
    : flags.includes('unknown') || !config.complete
      ? 'unknown'
      : false;
  const sslSetting = [serverEnabled, sharedEnabled].find(
    (setting) => settingFlag(setting) === true,
  );
  const sslPortSetting = config.first('micronaut.server.ssl.port', 'micronaut.ssl.port');
  const httpPortSetting = config.get('micronaut.server.port');
  const dualSetting = config.get('micronaut.server.dual-protocol');
  const managementSetting = config.get('endpoints.all.port');
  // A setting left out may be set by a file the workspace does not hold: then it is unknown.
  const fallback = <T>(value: T): T | 'unknown' => (config.complete ? value : 'unknown');
  const sslPort = settingPort(sslPortSetting) ?? fallback(DEFAULT_SSL_PORT);
  const httpPort = settingPort(httpPortSetting) ?? fallback(DEFAULT_HTTP_PORT);
  const managementPort = settingPort(managementSetting) ?? fallback(DEFAULT_MANAGEMENT_PORT);
  const dualProtocol = settingFlag(dualSetting) ?? fallback(false);

  const ports: ListeningPort[] = [];
  if (ssl === true && sslPort !== 'unknown') {
    ports.push({ port: sslPort, scheme: 'https', role: 'ssl' });
  }
  const httpOpen = ssl === false || dualProtocol === true;
  if (httpOpen && httpPort !== 'unknown') {
    ports.push({ port: httpPort, scheme: 'http', role: 'http' });
  }
  if (managementPort !== 'unknown') {
    ports.push({ port: managementPort, scheme: 'http', role: 'management' });
  }
  const certain =
    config.complete &&
    ssl !== 'unknown' &&
    (ssl === false || sslPort !== 'unknown') &&
    dualProtocol !== 'unknown' &&
    (!httpOpen || httpPort !== 'unknown') &&
    managementPort !== 'unknown';
  return {
    ssl,
    sslSetting,
    sslPort,
    sslPortSetting,
    httpPort,
    httpPortSetting,
    dualProtocol,
    managementPort,
    ports,
    certain,
  };
}

/** The port that listens at a number, if one does. */
export function listeningAt(listening: Listening, port: number): ListeningPort | undefined {
  return listening.ports.find((candidate) => candidate.port === port);
}

/** The ports that listen, as users read them: `8443 (HTTPS) and 8081 (management)`. */
export function describePorts(listening: Listening): string {
  const words = listening.ports.map(
    (port) =>
      `${port.port} (${port.role === 'management' ? 'management' : port.scheme.toUpperCase()})`,
  );
  return words.length <= 1
    ? (words[0] ?? 'nothing')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
