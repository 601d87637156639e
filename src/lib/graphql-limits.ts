import {
  BREAK,
  visit,
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { CONTROL_CHARACTER_MESSAGE, findControlCharacters, hasControlCharacters } from '../plugins/submissions/shared/control-characters';

export interface GraphqlCostLimits {
  /** The most rows one operation may ask for, as estimated below. */
  maxCost: number;
  /** Strapi's page size when a list gives none, and its cap (graphql.config defaultLimit / maxLimit). */
  defaultLimit: number;
  maxLimit: number;
}

/**
 * The rows an operation may fetch: every object counts 1, and a list (or `_connection`) multiplies what
 * is inside it by the page size asked for (else Strapi's default). Depth alone does not bound cost: a
 * depth-7 query of lists of 100 asks for 100^6 rows, and aliases repeat any field at will.
 */
export function rowEstimator({ defaultLimit, maxLimit }: GraphqlCostLimits): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    if (isLeafType(getNamedType(field.type))) return 0;
    const isList = isListType(getNullableType(field.type)) || field.name.endsWith('_connection');
    if (!isList || field.name === 'nodes') return 1 + childComplexity; // a connection's nodes: counted on it
    const pagination = (args.pagination ?? {}) as { limit?: unknown; pageSize?: unknown };
    const asked = Number(pagination.limit ?? pagination.pageSize ?? defaultLimit);
    const rows = asked > 0 ? Math.min(asked, maxLimit) : maxLimit; // Strapi reads limit -1 as "as many as allowed"
    return rows * (1 + childComplexity);
  };
}

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** The first string written into the query itself ("a\u0000b" is a valid GraphQL escape) with a control character. */
function controlCharacterInQuery(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!hasControlCharacters(node.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

interface OperationContext {
  request: { variables?: Record<string, unknown>; operationName?: string | null };
  document: DocumentNode;
  schema: GraphQLSchema;
}

/**
 * An Apollo Server plugin, run before an operation executes: variables or strings in the query with
 * control characters answer 400 naming them (the global middleware cannot: GraphQL parses its own
 * body, in its route), and so
 * does an operation estimated to cost more than `maxCost`.
 */
export function graphqlLimits(limits: GraphqlCostLimits) {
  const estimator = rowEstimator(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }: OperationContext) {
          const field =
            findControlCharacters(request.variables, 'dotted', 'variables') ??
            (controlCharacterInQuery(document) ? 'query' : undefined);
          if (field) throw badRequest(`${field}: ${CONTROL_CHARACTER_MESSAGE}`);
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [estimator],
            });
          } catch (error) {
            throw badRequest((error as Error).message); // bad variables or too many nodes: the client's error
          }
          if (cost > limits.maxCost)
            throw badRequest(
              `This query may read ${cost} rows; at most ${limits.maxCost} are allowed. Ask for fewer items per list (pagination) or fewer nested lists.`
            );
        },
      };
    },
  };
}
