import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

interface Problem {
  path: string[];
  message: string;
  name: 'ValidationError';
}

type RelationRef = string | number | { documentId?: string; id?: number };

/** The targets a relation value points at, in any of the shapes Strapi accepts (ids, documentIds, connect/set). */
function referencedTargets(value: unknown): RelationRef[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value as RelationRef[];
  if (typeof value === 'object' && ('connect' in value || 'set' in value)) {
    const { connect = [], set = [] } = value as { connect?: RelationRef[]; set?: RelationRef[] };
    return [...connect, ...set];
  }
  return [value as RelationRef];
}

async function missingTargets(strapi: Core.Strapi, target: string, refs: RelationRef[]): Promise<string[]> {
  const documentIds = refs
    .map((r) => (typeof r === 'object' ? r.documentId : r))
    .filter((r): r is string => typeof r === 'string');
  const ids = refs
    .map((r) => (typeof r === 'object' ? r.id : r))
    .filter((r): r is number => typeof r === 'number');
  if (documentIds.length + ids.length === 0) return [];
  const found = await strapi.db.query(target as UID.Schema).findMany({
    where: { $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] },
    select: ['id', 'documentId'],
  });
  const known = new Set(
    found.flatMap((row: { id: number; documentId: string }) => [row.documentId, String(row.id)])
  );
  return [...documentIds, ...ids.map(String)].filter((ref) => !known.has(ref));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** This project's content types: the library's (api::) and the submissions plugin's. */
const isOurType = (uid: string) => uid.startsWith('api::') || uid.startsWith('plugin::submissions.');

/**
 * Checks that Strapi leaves to the database, which then fails without naming the field: relation
 * targets that do not exist, and dates that are not dates. Answers 400 naming each field.
 */
export function registerDocumentInputChecks(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (!isOurType(context.uid) || !['create', 'update'].includes(context.action)) return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data || typeof data !== 'object') return next();

    const problems: Problem[] = [];
    for (const [field, attribute] of Object.entries(strapi.getModel(context.uid).attributes)) {
      const value = data[field];
      if (value === undefined || value === null) continue;
      if (attribute.type === 'date') {
        const valid = typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
        if (!valid)
          problems.push({
            path: [field],
            message: `${field} must be a date written as YYYY-MM-DD`,
            name: 'ValidationError',
          });
      }
      if (attribute.type === 'relation' && 'target' in attribute && attribute.target) {
        const missing = await missingTargets(strapi, attribute.target, referencedTargets(value));
        if (missing.length > 0) {
          problems.push({
            path: [field],
            message: `${field}: no such entry: ${missing.join(', ')}`,
            name: 'ValidationError',
          });
        }
      }
    }
    if (problems.length > 0) {
      throw new errors.ValidationError(problems.map((p) => p.message).join('; '), { errors: problems });
    }
    return next();
  });
}
