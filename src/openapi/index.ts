import type { Core } from '@strapi/strapi';
import { openDataConfig } from '../open-data/config';
import { councilComponents, councilPaths } from './council-paths';
import { LIBRARY_TYPES, libraryComponents, libraryPaths } from './library-paths';
import { openDataComponents, openDataPaths } from './open-data-paths';
import { ERROR_SCHEMA } from './schema-kit';
import { searchComponents, searchPaths } from './search-paths';

const API_DESCRIPTION = [
  'The published library of case studies (read-only for everyone: no token needed), its search, and the',
  'council submissions API (a council officer\'s token from POST /auth/local, sent as `Authorization: Bearer`).',
  'Only published case studies are ever returned to the public. Integrations holding an API token may also',
  'write through Strapi\'s standard REST routes; those are not part of this public contract.',
].join(' ');

/** Documentation-plugin config keys that only hold Strapi's placeholders unless we set them. */
const withoutEmpty = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value));

/** The route table as the server really has it: "GET /case-studies/{}" for each content-API route. */
function contentApiRoutes(strapi: Core.Strapi): Set<string> {
  type Route = { method: string; path: string; config?: { prefix?: string } };
  type Router = { type?: string; prefix?: string; routes?: Route[] };
  const keys = new Set<string>();
  const add = (defaultPrefix: string, routers: Record<string, Router> | Route[]) => {
    const list: Router[] = Array.isArray(routers) ? [{ type: 'content-api', routes: routers }] : Object.values(routers ?? {});
    for (const router of list) {
      if (router.type === 'admin') continue;
      for (const route of router.routes ?? []) {
        const prefix = route.config?.prefix ?? router.prefix ?? defaultPrefix;
        keys.add(routeKey(route.method, `${prefix}${route.path}`));
      }
    }
  };
  for (const api of Object.values(strapi.apis)) add('', api.routes as never);
  for (const [name, plugin] of Object.entries(strapi.plugins)) add(`/${name}`, plugin.routes as never);
  return keys;
}

/** "GET /submissions/{}" from either "/submissions/:id" (a route) or "/submissions/{id}" (a spec path). */
export const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/:[A-Za-z]+|\{[A-Za-z]+\}/g, '{}').replace(/\/$/, '') || '/'}`;

/** Only paths the server really serves: the spec never promises a route that is not there. */
function servedOnly(paths: Record<string, unknown>, served: Set<string>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [path, operations] of Object.entries(paths)) {
    const methods = Object.entries(operations as Record<string, unknown>).filter(([method]) =>
      served.has(routeKey(method, path))
    );
    if (methods.length) kept[path] = Object.fromEntries(methods);
  }
  return kept;
}

/**
 * The OpenAPI document at /documentation, written by @strapi/plugin-documentation: our own `info`,
 * our types' generated paths replaced by the public reads only (no write routes, no /upload), and
 * the search, open-data and council routes added. Runs in register(), before the plugin generates.
 */
export function registerOpenApi(strapi: Core.Strapi): void {
  const openData = openDataConfig(strapi);
  const publicUrl = String(strapi.config.get('server.url', '') || strapi.config.get('server.absoluteUrl', ''));
  strapi.config.set('plugin::documentation.info', {
    title: String(strapi.config.get('plugin::documentation.info.title')),
    description: API_DESCRIPTION,
    version: String(strapi.config.get('info.version')),
    contact: withoutEmpty(openData.contact),
    license: withoutEmpty(openData.licence),
  });
  strapi.config.set('plugin::documentation.servers', [{ url: `${publicUrl.replace(/\/$/, '')}/api` }]);
  strapi.config.set('plugin::documentation.externalDocs', undefined);

  const overrides = strapi.plugin('documentation').service('override') as {
    registerOverride(override: Record<string, unknown>, opts?: { excludeFromGeneration?: string[] }): void;
  };
  const apis = LIBRARY_TYPES.map((type) => type.uid.split('::')[1].split('.')[0]);
  overrides.registerOverride(
    {
      tags: [
        { name: 'Case studies', description: 'The published library, its search and its open data' },
        { name: 'Vocabularies', description: 'Topics, support types and councils' },
        { name: 'Council submissions', description: 'For council officers, with a bearer token' },
      ],
      components: {
        schemas: {
          Error: ERROR_SCHEMA,
          ...libraryComponents(strapi),
          ...searchComponents(),
          ...councilComponents(),
          ...openDataComponents(),
        },
      },
      paths: {},
    },
    { excludeFromGeneration: apis }
  );
  // Paths are added at bootstrap's start: the routes of every plugin and API are known by then.
  strapi.config.set('plugin::documentation.x-strapi-config.mutateDocumentation', (draft: { paths: Record<string, unknown> }) => {
    const served = contentApiRoutes(strapi);
    draft.paths = {
      ...servedOnly({ ...libraryPaths(), ...searchPaths(), ...councilPaths() }, served),
      ...openDataPaths(),
    };
  });
}

/**
 * The plugin writes the document only outside production, and in production serves it from dist/,
 * where no build puts it: write it at every production start too (each process writes the same file).
 */
export async function generateOpenApiInProduction(strapi: Core.Strapi): Promise<void> {
  if (strapi.config.get('environment') !== 'production') return;
  await (strapi.plugin('documentation').service('documentation') as { generateFullDoc(): Promise<void> }).generateFullDoc();
}
