/**
 * What a REST read asks the database for, measured before Strapi turns it into a query: how deep and
 * how wide `populate` reaches (every syntax: "*", "a,b.c", arrays, objects, nested `populate`, `on`
 * fragments), and how many relations `filters` and `sort` join through. Pure: the schema comes in as
 * a lookup, so it is tested without Strapi.
 */

export interface CostLimits {
  /** Levels of populate (populate=a is 1; a.b.c is 3). */
  populateMaxDepth: number;
  /** Relations, components and media populated in all, at every level ("*" counts each one it covers). */
  populateMaxRelations: number;
  /** Relations a single filter or sort path goes through (filters[a][b][c][$eq] is 2). */
  filterMaxDepth: number;
  /** Relations joined in all by filters and sort (each `$or` branch joins its own). */
  filterMaxJoins: number;
  /** Conditions (operators with a value) in all filters. */
  filterMaxConditions: number;
}

export interface SchemaAttribute {
  type: string;
  target?: string;
  component?: string;
  components?: string[];
}

/** The attributes of a content type or component, or undefined when unknown. */
export type SchemaLookup = (uid: string) => Record<string, SchemaAttribute> | undefined;

export interface CostProblem {
  /** The query parameter, named as the client wrote it: `populate`, `filters`, `populate[a][filters]`. */
  parameter: string;
  message: string;
}

const JOINED = new Set(['relation', 'component', 'media', 'dynamiczone']);
const LOGICAL = new Set(['$and', '$or', '$not']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isOff = (v: unknown) => v === false || v === 'false' || v === '0';

/** The uid an attribute leads to (a relation's target, a component), when there is one. */
function targetOf(attribute: SchemaAttribute | undefined): string | undefined {
  if (!attribute) return undefined;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return attribute.target ?? attribute.component;
}

const joinedAttributes = (attributes: Record<string, SchemaAttribute> | undefined) =>
  Object.entries(attributes ?? {}).filter(([, a]) => JOINED.has(a.type));

class Measure {
  depth = 0;
  relations = 0;
  problem?: CostProblem;

  constructor(
    private readonly limits: CostLimits,
    private readonly schema: SchemaLookup
  ) {}

  /** One populated attribute (relation, component, media or dynamic zone) at `depth`. */
  private node(depth: number) {
    this.depth = Math.max(this.depth, depth);
    this.relations += 1;
  }

  /** Enough counted to refuse many times over: stop walking (the query string bounds it anyway). */
  private done() {
    return this.relations > 100 * this.limits.populateMaxRelations + 1000;
  }

  /** populate at one level, in any of its syntaxes. */
  populate(value: unknown, uid: string | undefined, depth: number, parameter: string): void {
    if (this.problem || this.done() || value === undefined || value === null || isOff(value)) return;
    if (value === '*' || value === true || value === 'true') {
      const all = joinedAttributes(uid ? this.schema(uid) : undefined);
      if (all.length === 0) this.node(depth);
      for (let i = 0; i < all.length; i++) this.node(depth);
      return;
    }
    if (typeof value === 'string') return this.paths(value.split(','), uid, depth);
    if (Array.isArray(value)) {
      for (const item of value) this.populate(item, uid, depth, parameter);
      return;
    }
    if (!isObject(value)) return;
    const attributes = uid ? this.schema(uid) : undefined;
    for (const [key, sub] of Object.entries(value)) {
      if (isOff(sub)) continue;
      this.node(depth);
      const here = `${parameter}[${key}]`;
      if (!isObject(sub)) continue;
      const target = targetOf(attributes?.[key]);
      this.populate(sub.populate, target, depth + 1, `${here}[populate]`);
      if (isObject(sub.on))
        for (const [component, fragment] of Object.entries(sub.on)) {
          this.node(depth);
          if (isObject(fragment))
            this.populate(fragment.populate, component, depth + 1, `${here}[on][${component}][populate]`);
        }
      this.problem ??= filterAndSortProblem(sub.filters, sub.sort, target, this.limits, this.schema, here);
    }
  }

  /** "a.b.c" strings: each dotted path is a chain of attributes, one level each. */
  private paths(list: string[], uid: string | undefined, depth: number) {
    for (const path of list) {
      let type = uid;
      const parts = path.trim().split('.').filter(Boolean);
      for (let i = 0; i < parts.length && !this.done(); i++) {
        if (parts[i] === '*') return this.populate('*', type, depth + i, 'populate');
        this.node(depth + i);
        type = targetOf(type ? this.schema(type)?.[parts[i]] : undefined);
      }
    }
  }
}

/** What a `filters` or `sort` value makes the database join: how deep, how many in all, and its conditions. */
export interface JoinCost {
  /** The most relations one path goes through (filters[a][b][c][$eq] is 2). */
  depth: number;
  /** Relations joined in all: every `$or` branch joins its own copies, so they add up. */
  joins: number;
  conditions: number;
}

/** The join cost of a `filters` value. */
export function measureFilters(filters: unknown, uid: string | undefined, schema: SchemaLookup): JoinCost {
  const cost: JoinCost = { depth: 0, joins: 0, conditions: 0 };
  const stack: [unknown, string | undefined, number][] = [[filters, uid, 0]];
  for (let visited = 0; stack.length && visited < 100_000; visited++) {
    const [node, type, depth] = stack.pop()!;
    cost.depth = Math.max(cost.depth, depth);
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, type, depth]);
      continue;
    }
    if (!isObject(node)) {
      if (node !== undefined) cost.conditions += 1; // filters[title]=x: an implicit $eq
      continue;
    }
    const attributes = type ? schema(type) : undefined;
    for (const [key, value] of Object.entries(node)) {
      if (LOGICAL.has(key)) stack.push([value, type, depth]);
      else if (key.startsWith('$')) cost.conditions += 1;
      else {
        const attribute = attributes?.[key];
        const joined = attribute
          ? JOINED.has(attribute.type)
          : isObject(value) && Object.keys(value).some((k) => !k.startsWith('$')); // unknown schema: nested keys join
        if (joined) cost.joins += 1;
        stack.push([value, joined ? targetOf(attribute) : type, joined ? depth + 1 : depth]);
      }
    }
  }
  return cost;
}

/** The join cost of a `sort`: "a.b.title:asc", "a,b", ["a:asc"], { a: { b: "asc" } }. */
export function measureSort(sort: unknown, uid: string | undefined, schema: SchemaLookup): JoinCost {
  const paths: string[][] = [];
  const collect = (value: unknown, prefix: string[]) => {
    if (typeof value === 'string' && prefix.length === 0)
      value.split(',').forEach((s) => paths.push(s.split(':')[0].trim().split('.').filter(Boolean)));
    else if (Array.isArray(value) && prefix.length === 0) value.slice(0, 1000).forEach((v) => collect(v, []));
    else if (isObject(value) && prefix.length < 50)
      Object.entries(value).forEach(([key, v]) =>
        isObject(v) ? collect(v, [...prefix, key]) : paths.push([...prefix, key])
      );
  };
  collect(sort, []);
  const cost: JoinCost = { depth: 0, joins: 0, conditions: 0 };
  for (const path of paths) {
    let type = uid;
    let hops = 0;
    path.forEach((part, i) => {
      const attribute = type ? schema(type)?.[part] : undefined;
      if (attribute ? JOINED.has(attribute.type) : i < path.length - 1) hops += 1;
      type = targetOf(attribute);
    });
    cost.depth = Math.max(cost.depth, hops);
    cost.joins += hops;
  }
  return cost;
}

function joinProblem(cost: JoinCost, limits: CostLimits, parameter: string): CostProblem | undefined {
  if (cost.depth > limits.filterMaxDepth)
    return {
      parameter,
      message: `joins through ${cost.depth} relations; at most ${limits.filterMaxDepth} are allowed`,
    };
  if (cost.joins > limits.filterMaxJoins)
    return {
      parameter,
      message: `joins ${cost.joins} relations in all; at most ${limits.filterMaxJoins} are allowed`,
    };
  if (cost.conditions > limits.filterMaxConditions)
    return {
      parameter,
      message: `has ${cost.conditions} conditions; at most ${limits.filterMaxConditions} are allowed`,
    };
  return undefined;
}

/** `filters` and `sort` of one query (the top level, or one populated relation): their joins add up. */
function filterAndSortProblem(
  filters: unknown,
  sort: unknown,
  uid: string | undefined,
  limits: CostLimits,
  schema: SchemaLookup,
  prefix: string
): CostProblem | undefined {
  const name = (parameter: string) => (prefix ? `${prefix}[${parameter}]` : parameter);
  const filtered = filters === undefined ? undefined : measureFilters(filters, uid, schema);
  const sorted = sort === undefined ? undefined : measureSort(sort, uid, schema);
  const problem =
    (filtered && joinProblem(filtered, limits, name('filters'))) ||
    (sorted && joinProblem(sorted, limits, name('sort')));
  if (problem || !filtered || !sorted) return problem;
  return joinProblem(
    { depth: 0, joins: filtered.joins + sorted.joins, conditions: 0 },
    limits,
    `${name('filters')} and ${name('sort')}`
  );
}

/** The first parameter of a REST query that asks for more than the limits allow, or undefined. */
export function queryCostProblem(
  query: Record<string, unknown>,
  limits: CostLimits,
  schema: SchemaLookup,
  uid?: string
): CostProblem | undefined {
  if (query.populate !== undefined) {
    const measure = new Measure(limits, schema);
    measure.populate(query.populate, uid, 1, 'populate');
    if (measure.depth > limits.populateMaxDepth)
      return {
        parameter: 'populate',
        message: `nests ${measure.depth} levels deep; at most ${limits.populateMaxDepth} are allowed`,
      };
    if (measure.relations > limits.populateMaxRelations)
      return {
        parameter: 'populate',
        message: `populates ${measure.relations} relations; at most ${limits.populateMaxRelations} are allowed`,
      };
    if (measure.problem) return measure.problem;
  }
  return filterAndSortProblem(query.filters, query.sort, uid, limits, schema, '');
}
