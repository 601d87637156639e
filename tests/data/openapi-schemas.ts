import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

/** OpenAPI 3.0's `nullable` as JSON Schema: `type: [t, "null"]`, or anyOf with null. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)])) as Json;
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const out: Json = { ...converted, type: [converted.type, 'null'] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Validators for the live responses, from the served document itself (ajv, every format checked):
 * `responseValidator('/case-studies', 'get', '200')` checks a body against what the spec promises.
 */
export function specValidators(spec: Json) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...(toJsonSchema(spec) as Json), $id: 'spec' });
  const cache = new Map<string, ValidateFunction>();
  const compile = (ref: string) => {
    if (!cache.has(ref)) cache.set(ref, ajv.compile({ $ref: ref }));
    return cache.get(ref)!;
  };
  return {
    response(path: string, method: string, status: string, type = 'application/json') {
      return compile(`spec#/${pointer('paths', path, method, 'responses', status, 'content', type, 'schema')}`);
    },
    requestBody(path: string, method: string, type = 'application/json') {
      return compile(`spec#/${pointer('paths', path, method, 'requestBody', 'content', type, 'schema')}`);
    },
    errorsOf: (validate: ValidateFunction) => ajv.errorsText(validate.errors, { separator: '\n' }),
  };
}
