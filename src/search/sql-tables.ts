/**
 * Strapi's table names for the case-study model (checked against the schema Strapi 5.54 creates).
 * The index is built from these by set-based SQL, so a rebuild of 100,000 entries takes seconds.
 */
export const T = {
  caseStudies: 'case_studies',
  components: 'case_studies_cmps',
  sections: 'components_case_study_sections',
  topicLinks: 'case_studies_topics_lnk',
  supportTypeLinks: 'case_studies_support_types_lnk',
  councilLinks: 'case_studies_councils_lnk',
} as const;

/** The sections' headings and bodies in order, as one text (SQL expression over `cs`). */
export function sectionsBodySql(
  concat: (parts: string[]) => string,
  aggregate: (expr: string) => string
): string {
  const text = concat([`coalesce(s.heading, '')`, `'\n'`, `coalesce(s.body, '')`]);
  return `coalesce((SELECT ${aggregate(text)} FROM ${T.components} c JOIN ${T.sections} s ON s.id = c.cmp_id
    WHERE c.entity_id = cs.id AND c.field = 'sections' AND c.component_type = 'case-study.section'), '')`;
}

/** Order clause over a relation of hits with columns publication_date, title_key, entry_id (and rank). */
export function orderSql(sort: 'relevance' | 'date' | 'title', hasRank: boolean, p = ''): string {
  if (sort === 'title') return `${p}title_key ASC, ${p}entry_id ASC`;
  const byDate = `${p}publication_date DESC NULLS LAST, ${p}entry_id DESC`;
  return sort === 'relevance' && hasRank ? `${p}rank DESC, ${byDate}` : byDate;
}
