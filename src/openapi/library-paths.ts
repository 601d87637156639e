import type { Core } from '@strapi/strapi';
import {
  arrayOf,
  errorResponse,
  int,
  json,
  nullable,
  obj,
  pathParam,
  queryParam,
  ref,
  str,
  type Schema,
} from './schema-kit';

/** The library's four types, read-only for the public: (schema name, uid, REST path). */
export const LIBRARY_TYPES = [
  { name: 'CaseStudy', uid: 'api::case-study.case-study', path: '/case-studies', tag: 'Case studies' },
  { name: 'Topic', uid: 'api::topic.topic', path: '/topics', tag: 'Vocabularies' },
  { name: 'SupportType', uid: 'api::support-type.support-type', path: '/support-types', tag: 'Vocabularies' },
  { name: 'Council', uid: 'api::council.council', path: '/councils', tag: 'Vocabularies' },
] as const;

const COMPONENT_NAMES: Record<string, string> = {
  'case-study.section': 'Section',
  'case-study.contact': 'Contact',
  'case-study.link': 'ExternalLink',
};

type Attribute = {
  type: string;
  private?: boolean;
  enum?: string[];
  multiple?: boolean;
  repeatable?: boolean;
  component?: string;
  target?: string;
  relation?: string;
};

const schemaNameOf = (uid: string) => LIBRARY_TYPES.find((t) => t.uid === uid)?.name;

/** One attribute as REST answers it; relations, components and media only appear when populated. */
function attributeSchema(attribute: Attribute): { schema: Schema; populatedOnly: boolean } | null {
  if (attribute.private) return null;
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'uid':
    case 'email':
      return { schema: nullable(str()), populatedOnly: false };
    case 'enumeration':
      return { schema: nullable(str({ enum: attribute.enum })), populatedOnly: false };
    case 'date':
      return { schema: nullable(str({ format: 'date' })), populatedOnly: false };
    case 'datetime':
      return { schema: nullable(str({ format: 'date-time' })), populatedOnly: false };
    case 'integer':
      return { schema: nullable(int()), populatedOnly: false };
    case 'boolean':
      return { schema: nullable({ type: 'boolean' }), populatedOnly: false };
    case 'component': {
      const item = ref(COMPONENT_NAMES[attribute.component!]);
      return { schema: attribute.repeatable ? arrayOf(item) : nullable(item), populatedOnly: true };
    }
    case 'media':
      return { schema: attribute.multiple ? arrayOf(ref('MediaFile')) : nullable(ref('MediaFile')), populatedOnly: true };
    case 'relation': {
      const target = schemaNameOf(attribute.target!);
      if (!target) return null;
      const many = /ToMany$/.test(attribute.relation ?? '');
      return { schema: many ? arrayOf(ref(target)) : nullable(ref(target)), populatedOnly: true };
    }
    default:
      throw new Error(`openapi: no schema for attribute type ${attribute.type}`);
  }
}

/** Strapi's own fields: the timestamps are listed below; the rest never reach a public reader. */
const SYSTEM_FIELDS = ['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations'];

function modelSchema(attributes: Record<string, Attribute>): Schema {
  const properties: Record<string, Schema> = {
    id: int(),
    documentId: str(),
  };
  const optional: string[] = [];
  for (const [field, attribute] of Object.entries(attributes)) {
    if (SYSTEM_FIELDS.includes(field)) continue;
    const built = attributeSchema(attribute);
    if (!built) continue;
    properties[field] = built.schema;
    // With `fields=` a client may leave any attribute out; relations and the rest appear when populated.
    optional.push(field);
  }
  properties.createdAt = str({ format: 'date-time' });
  properties.updatedAt = str({ format: 'date-time' });
  properties.publishedAt = nullable(str({ format: 'date-time' }));
  optional.push('createdAt', 'updatedAt', 'publishedAt');
  return obj(properties, optional);
}

/** Schemas of the four types and their components, from the content-type models themselves. */
export function libraryComponents(strapi: Core.Strapi): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const type of LIBRARY_TYPES) {
    const { attributes } = strapi.getModel(type.uid) as unknown as { attributes: Record<string, Attribute> };
    schemas[type.name] = modelSchema(attributes);
    schemas[`${type.name}List`] = obj({
      data: arrayOf(ref(type.name)),
      meta: obj({
        pagination: {
          oneOf: [
            obj({ page: int(), pageSize: int(), pageCount: int(), total: int() }),
            obj({ start: int(), limit: int(), total: int() }),
          ],
        },
      }),
    });
    schemas[`${type.name}One`] = obj({ data: ref(type.name), meta: obj({}) });
  }
  for (const [uid, name] of Object.entries(COMPONENT_NAMES)) {
    const { attributes } = strapi.components[uid as keyof typeof strapi.components] as unknown as {
      attributes: Record<string, Attribute>;
    };
    const properties: Record<string, Schema> = { id: int() };
    for (const [field, attribute] of Object.entries(attributes)) {
      const built = attributeSchema(attribute);
      if (built) properties[field] = built.schema;
    }
    schemas[name] = obj(properties);
  }
  // Strapi's upload plugin's file: not ours, so left open.
  schemas.MediaFile = {
    type: 'object',
    required: ['id', 'url'],
    properties: { id: int(), documentId: str(), name: str(), url: str(), mime: str(), size: { type: 'number' } },
    additionalProperties: true,
  };
  return schemas;
}

const COMMON_PARAMETERS = [
  queryParam('fields', 'Attributes to return, e.g. `fields[0]=title&fields[1]=slug`', {
    oneOf: [str(), arrayOf(str())],
  }),
  queryParam(
    'populate',
    'Relations, components and media to include: `*`, `topics`, `populate[0]=topics&populate[1]=councils`. At most 3 levels deep and 20 in all.',
    { oneOf: [str(), arrayOf(str()), { type: 'object' }] },
    { style: 'deepObject', explode: true }
  ),
  queryParam(
    'filters',
    'Strapi filters, e.g. `filters[slug][$eq]=...` or `filters[topics][slug][$in][0]=prevent`. At most 50 conditions and 3 joins.',
    { type: 'object' },
    { style: 'deepObject', explode: true }
  ),
  queryParam('sort', 'e.g. `publicationDate:desc` or `title:asc`', { oneOf: [str(), arrayOf(str())] }),
  queryParam('pagination[page]', 'Page number (from 1)', int({ minimum: 1 })),
  queryParam('pagination[pageSize]', 'Page size (default 25, at most 100)', int({ minimum: 1, maximum: 100 })),
  queryParam('pagination[start]', 'Offset (instead of page)', int({ minimum: 0 })),
  queryParam('pagination[limit]', 'How many (instead of pageSize; at most 100)', int({ minimum: 1, maximum: 100 })),
  queryParam('pagination[withCount]', 'Count the total (default true)', { type: 'boolean' }),
];

const READ_ERRORS = {
  '400': errorResponse('A parameter is unknown, malformed or asks for too much (the message names it)'),
};

/** GET list and GET one of each type: public, published only. */
export function libraryPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const type of LIBRARY_TYPES) {
    const readable = type.name === 'CaseStudy' ? 'published case studies' : type.path.slice(1).replace('-', ' ');
    paths[type.path] = {
      get: {
        tags: [type.tag],
        summary: `List ${readable}`,
        operationId: `list${type.name}`,
        security: [],
        parameters: COMMON_PARAMETERS,
        responses: { '200': json(ref(`${type.name}List`)), ...READ_ERRORS },
      },
    };
    paths[`${type.path}/{documentId}`] = {
      get: {
        tags: [type.tag],
        summary: `One of the ${readable}, by documentId`,
        operationId: `get${type.name}`,
        security: [],
        parameters: [
          pathParam('documentId', 'The entry\'s documentId'),
          ...COMMON_PARAMETERS.filter((p) => ['fields', 'populate'].includes(p.name)),
        ],
        responses: {
          '200': json(ref(`${type.name}One`)),
          ...READ_ERRORS,
          '404': errorResponse('No such published entry'),
        },
      },
    };
  }
  return paths;
}
