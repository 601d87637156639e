import type { Core } from '@strapi/strapi';

/** A many-to-many link table as Strapi names it: (owner column, target column). */
export interface LinkTable {
  table: string;
  owner: string;
  target: string;
}

/** Strapi's tables and columns the index is built from, read from Strapi's own metadata. */
export interface StrapiTables {
  caseStudies: string;
  components: { table: string; entity: string; component: string; field: string; order: string };
  sections: string;
  topicLinks: LinkTable;
  supportTypeLinks: LinkTable;
  councilLinks: LinkTable;
  topics: string;
  supportTypes: string;
  councils: string;
  /** users-permissions: permission rows, their link to roles, and the roles. */
  permissions: { table: string; roleLink: LinkTable; roles: string };
}

type Meta = { tableName: string; attributes: Record<string, Record<string, unknown> | undefined> };
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

/**
 * Reads the names from `strapi.db.metadata` and checks them at boot, so a Strapi upgrade that renames
 * a table or column stops the start with a message instead of indexing nothing.
 */
export function strapiTables(strapi: Core.Strapi): StrapiTables {
  const meta = (uid: string) => {
    const m = strapi.db.metadata.get(uid) as unknown as Meta | undefined;
    if (!m?.tableName) throw new Error(`Search: no database metadata for ${uid}`);
    return m;
  };
  const join = (uid: string, attribute: string): JoinTable => {
    const jt = meta(uid).attributes[attribute]?.joinTable as JoinTable | undefined;
    if (!jt?.name || !jt.joinColumn?.name || !jt.inverseJoinColumn?.name)
      throw new Error(`Search: ${uid}.${attribute} is not stored in a join table as expected`);
    return jt;
  };
  const link = (attribute: string): LinkTable => {
    const jt = join('api::case-study.case-study', attribute);
    return { table: jt.name, owner: jt.joinColumn.name, target: jt.inverseJoinColumn.name };
  };
  const permissionRole = join('plugin::users-permissions.permission', 'role');
  const cs = meta('api::case-study.case-study');
  const columns: Record<string, string> = {
    documentId: 'document_id',
    publishedAt: 'published_at',
    publicationDate: 'publication_date',
    title: 'title',
    slug: 'slug',
    summary: 'summary',
  };
  for (const [attribute, column] of Object.entries(columns)) {
    if (cs.attributes[attribute]?.columnName !== column)
      throw new Error(`Search: case study ${attribute} is not stored in column ${column}`);
  }
  const sections = join('api::case-study.case-study', 'sections');
  const section = meta('case-study.section');
  if (!section.attributes.heading || !section.attributes.body)
    throw new Error('Search: the case-study.section component has no heading or body');
  return {
    caseStudies: cs.tableName,
    components: {
      table: sections.name,
      entity: sections.joinColumn.name,
      component: sections.inverseJoinColumn.name,
      field: 'field',
      order: sections.orderColumnName ?? 'order',
    },
    sections: section.tableName,
    topicLinks: link('topics'),
    supportTypeLinks: link('supportTypes'),
    councilLinks: link('councils'),
    topics: meta('api::topic.topic').tableName,
    supportTypes: meta('api::support-type.support-type').tableName,
    councils: meta('api::council.council').tableName,
    permissions: {
      table: meta('plugin::users-permissions.permission').tableName,
      roleLink: { table: permissionRole.name, owner: permissionRole.joinColumn.name, target: permissionRole.inverseJoinColumn.name },
      roles: meta('plugin::users-permissions.role').tableName,
    },
  };
}

/**
 * The actions the Public role holds among `actions`, comma-separated, as a scalar subquery: read with
 * the data generation in one query, so an anonymous search needs no users-permissions lookup.
 */
export function publicActionsSql(t: StrapiTables, dialect: 'postgres' | 'sqlite', actions: readonly string[]): string {
  const p = t.permissions;
  const list = actions.map((a) => `'${a.replace(/'/g, "''")}'`).join(', ');
  const agg = dialect === 'postgres' ? `string_agg(DISTINCT p.action, ',')` : `group_concat(DISTINCT p.action)`;
  return `SELECT ${agg} FROM ${p.table} p JOIN ${p.roleLink.table} l ON l.${p.roleLink.owner} = p.id
    JOIN ${p.roles} r ON r.id = l.${p.roleLink.target} WHERE r.type = 'public' AND p.action IN (${list})`;
}
