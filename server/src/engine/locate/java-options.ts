import { canonicalPath } from '../config/keys';
import type { Property } from '../model/config';
import type { OffsetMap } from '../text/offset-map';

/**
 * Splits JVM options into `-Dname=value` properties. Kestra's image passes JAVA_OPTS to
 * java unquoted, so words split at blanks exactly as the shell will split them.
 */
export function readJavaOptions(options: string, map: OffsetMap): Property[] {
  const properties: Property[] = [];
  for (const match of options.matchAll(/\S+/g)) {
    const word = match[0];
    const start = match.index ?? 0;
    if (!word.startsWith('-D') || word.length <= 2) {
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals === -1 ? word.slice(2) : word.slice(2, equals);
    const value = equals === -1 ? '' : word.slice(equals + 1);
    const valueStart = equals === -1 ? start + word.length : start + equals + 1;
    properties.push({
      // JVM system properties keep their case (javax.net.ssl.trustStore); Micronaut's do not.
      path: name.startsWith('javax.') || name.startsWith('java.') ? name : canonicalPath(name),
      key: `-D${name}`,
      value,
      origin: 'java-options',
      keySpan: map.spanToHost(start, start + 2 + name.length),
      valueSpan: map.spanToHost(valueStart, start + word.length),
    });
  }
  return properties;
}
