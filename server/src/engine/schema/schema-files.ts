import datasources from '../../../../schemas/datasources.schema.json';
import endpoints from '../../../../schemas/endpoints.schema.json';
import kestra from '../../../../schemas/kestra.schema.json';
import configuration from '../../../../schemas/kestra-configuration.schema.json';
import micronautSecurity from '../../../../schemas/micronaut-security.schema.json';
import micronautServer from '../../../../schemas/micronaut-server.schema.json';
import micronautSsl from '../../../../schemas/micronaut-ssl.schema.json';
import type { SchemaNode } from './schema-node';

/** The `$id` of the schema that composes all others: a whole Kestra configuration. */
export const ROOT_SCHEMA_ID = 'kestra-configuration.schema.json';

/**
 * Every schema file by its `$id`. They are imported rather than read from disk so that the
 * bundle carries them and no path has to be found at run time.
 */
export const SCHEMA_FILES: ReadonlyMap<string, SchemaNode> = new Map(
  [configuration, micronautServer, micronautSsl, micronautSecurity, endpoints, kestra, datasources]
    .map((schema) => schema as SchemaNode)
    .map((schema) => [schema.$id ?? '', schema]),
);
