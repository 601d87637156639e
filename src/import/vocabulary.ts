import type { Core, UID } from '@strapi/strapi';
import { problem, type Problem, type TermRef } from './types';
import { slugify } from './text-checks';

export const TERM_TYPES = {
  councils: { uid: 'api::council.council', what: 'council' },
  topics: { uid: 'api::topic.topic', what: 'topic' },
  supportTypes: { uid: 'api::support-type.support-type', what: 'support type' },
} as const;
export type TermField = keyof typeof TERM_TYPES;

interface Term {
  documentId: string;
  slug: string;
  name: string;
}

/**
 * Topics, support types and councils, matched by slug or by name (case-insensitive). The tables are
 * small (hundreds at most), so each is read once per import.
 */
export class Vocabulary {
  private bySlug = new Map<string, Term>();
  private byName = new Map<string, Term>();
  /** Terms this run would create (with --create-missing), by slug. */
  readonly toCreate = new Map<string, { slug: string; name: string }>();

  constructor(
    private readonly field: TermField,
    terms: Term[]
  ) {
    for (const term of terms) this.add(term);
  }

  private add(term: Term) {
    this.bySlug.set(term.slug, term);
    this.byName.set(term.name.toLowerCase(), term);
  }

  static async load(strapi: Core.Strapi, field: TermField): Promise<Vocabulary> {
    const terms = (await strapi.documents(TERM_TYPES[field].uid as UID.CollectionType).findMany({
      fields: ['slug', 'name'],
      limit: 100_000,
    } as never)) as unknown as Term[];
    return new Vocabulary(field, terms);
  }

  find(ref: TermRef): Term | undefined {
    return (ref.slug && this.bySlug.get(ref.slug)) || (ref.name && this.byName.get(ref.name.toLowerCase())) || undefined;
  }

  /** The terms' slugs; unknown ones are problems, or (createMissing) listed to be created. */
  resolve(where: string, refs: TermRef[], createMissing: boolean): { slugs: string[]; problems: Problem[] } {
    const slugs: string[] = [];
    const problems: Problem[] = [];
    for (const ref of refs) {
      const found = this.find(ref);
      if (found) {
        slugs.push(found.slug);
        continue;
      }
      const label = ref.slug ?? ref.name ?? '';
      if (!createMissing) {
        problems.push(problem(where, this.field, `unknown ${TERM_TYPES[this.field].what} "${label}" (use --create-missing to create it)`));
        continue;
      }
      const slug = ref.slug ?? slugify(ref.name ?? '');
      const name = ref.name ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
      if (!slug) {
        problems.push(problem(where, this.field, `"${label}" cannot be made into a slug`));
        continue;
      }
      this.toCreate.set(slug, { slug, name });
      slugs.push(slug);
    }
    return { slugs: [...new Set(slugs)], problems };
  }

  /** Creates the terms found missing (through the Document Service, like any other write). */
  async createMissing(strapi: Core.Strapi): Promise<string[]> {
    const created: string[] = [];
    for (const { slug, name } of this.toCreate.values()) {
      if (this.bySlug.has(slug)) continue;
      const data = this.field === 'councils' ? { slug, name, kind: 'other' } : { slug, name };
      const term = (await strapi.documents(TERM_TYPES[this.field].uid as UID.CollectionType).create({ data } as never)) as unknown as Term;
      this.add(term);
      created.push(`${TERM_TYPES[this.field].what} "${name}" (${slug})`);
    }
    return created;
  }

  documentIds(slugs: string[]): string[] {
    return slugs.map((slug) => {
      const term = this.bySlug.get(slug);
      if (!term) throw new Error(`import: ${this.field} "${slug}" was not created`);
      return term.documentId;
    });
  }
}
