import type { StrapiTables } from '../tables';

/** What differs between the dialects in the index-building SQL. */
export interface SqlDialect {
  /** Ordered string aggregate: string_agg or group_concat. */
  aggregate(expr: string, separator: string, order: string): string;
  newline: string;
}

/**
 * A case study's section headings, bodies, or both (heading, newline, body per section), in order, as
 * SQL over Strapi's own tables with `cs` the case study row.
 */
export function sectionsSql(t: StrapiTables, d: SqlDialect, part: 'headings' | 'bodies' | 'both'): string {
  const heading = `coalesce(s.heading, '')`;
  const body = `coalesce(s.body, '')`;
  const text =
    part === 'headings' ? heading : part === 'bodies' ? body : `${heading} || ${d.newline} || ${body}`;
  const c = t.components;
  return `coalesce((SELECT ${d.aggregate(text, part === 'headings' ? `' '` : `${d.newline} || ${d.newline}`, `c."${c.order}"`)}
    FROM ${c.table} c JOIN ${t.sections} s ON s.id = c.${c.component}
    WHERE c.${c.entity} = cs.id AND c.${c.field} = 'sections' AND c.component_type = 'case-study.section'), '')`;
}

/** Ids of one relation of `cs` (a correlated subquery). */
export const linkSource = (link: StrapiTables['topicLinks']) =>
  `SELECT DISTINCT l.${link.target} FROM ${link.table} l WHERE l.${link.owner} = cs.id AND l.${link.target} IS NOT NULL`;
