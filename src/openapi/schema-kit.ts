/** Small builders for OpenAPI 3.0 schemas: our own shapes are closed (additionalProperties: false). */
export type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const bool = (): Schema => ({ type: 'boolean' });
/** OpenAPI 3.0 ignores siblings of $ref, so a nullable reference is written as allOf. */
export const nullable = (schema: Schema): Schema =>
  '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const mapOf = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });

/** A closed object: every property listed; `optional` ones may be absent. */
export function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

export const json = (schema: Schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** Strapi's error body, as every 4xx of this API answers it. */
export const ERROR_SCHEMA = obj(
  {
    data: nullable({ type: 'object' }),
    error: obj(
      {
        status: int(),
        name: str(),
        message: str({ description: 'Starts with the field or parameter at fault, e.g. "pageSize: ..."' }),
        details: { type: 'object' },
      },
      ['details']
    ),
  },
  ['data']
);

export const errorResponse = (description: string) => json(ref('Error'), description);

export const PAGINATION = obj({ page: int(), pageSize: int(), pageCount: int(), total: int() });

export const queryParam = (name: string, description: string, schema: Schema, extra: Schema = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...extra,
});

export const pathParam = (name: string, description: string, schema: Schema = str()) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});
