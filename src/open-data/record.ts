/**
 * One published case study as open data: what the export writes (JSON and CSV) and the import reads.
 * Relations are slugs and names; media are public URLs. No database ids: a record means the same in
 * any installation, so export → import → export gives the same file.
 */
export interface NamedRef {
  slug: string;
  name: string;
}

export interface OpenCaseStudy {
  slug: string;
  title: string;
  summary: string;
  publicationDate: string | null;
  /** The case study's page on this site. */
  url: string;
  councils: NamedRef[];
  topics: NamedRef[];
  supportTypes: NamedRef[];
  sections: Array<{ heading: string; body: string }>;
  contact: { name: string; role: string | null; email: string | null } | null;
  externalLinks: Array<{ label: string; url: string }>;
  /** Slugs of related published case studies. */
  relatedCaseStudies: string[];
  coverImage: string | null;
  attachments: Array<{ name: string; url: string }>;
}

/** The JSON export: the licence and what was asked first, then the records. */
export interface OpenDataDocument {
  meta: {
    title: string;
    licence: { name: string; url: string };
    source: string;
    filters: Record<string, string>;
  };
  data: OpenCaseStudy[];
}

/** A case study as the Document Service returns it with READ_POPULATE. */
export interface StoredCaseStudy {
  slug: string;
  title: string;
  summary: string;
  publicationDate?: string | null;
  councils?: NamedRef[];
  topics?: NamedRef[];
  supportTypes?: NamedRef[];
  sections?: Array<{ heading: string; body: string }>;
  contact?: { name: string; role?: string | null; email?: string | null } | null;
  externalLinks?: Array<{ label: string; url: string }>;
  relatedCaseStudies?: Array<{ slug: string }>;
  coverImage?: { url: string } | null;
  attachments?: Array<{ name: string; url: string }>;
}

const named = { fields: ['slug', 'name'], sort: 'slug:asc' };

/** What a published case study is read with: every field a reader sees, relations by slug and name. */
export const READ_POPULATE = {
  councils: named,
  topics: named,
  supportTypes: named,
  sections: true,
  contact: true,
  externalLinks: true,
  relatedCaseStudies: { fields: ['slug'], sort: 'slug:asc' },
  coverImage: { fields: ['url'] },
  attachments: { fields: ['name', 'url'] },
} as const;

const absolute = (origin: string, url: string) => (/^https?:\/\//.test(url) ? url : `${origin}${url}`);
const refs = (list: NamedRef[] | undefined) => (list ?? []).map(({ slug, name }) => ({ slug, name }));

/** The open-data record of a stored case study; `origin` makes the page and media URLs absolute. */
export function toOpenRecord(study: StoredCaseStudy, origin: string): OpenCaseStudy {
  return {
    slug: study.slug,
    title: study.title,
    summary: study.summary,
    publicationDate: study.publicationDate ?? null,
    url: `${origin}/case-studies/${study.slug}`,
    councils: refs(study.councils),
    topics: refs(study.topics),
    supportTypes: refs(study.supportTypes),
    sections: (study.sections ?? []).map(({ heading, body }) => ({ heading, body })),
    contact: study.contact
      ? { name: study.contact.name, role: study.contact.role ?? null, email: study.contact.email ?? null }
      : null,
    externalLinks: (study.externalLinks ?? []).map(({ label, url }) => ({ label, url })),
    relatedCaseStudies: (study.relatedCaseStudies ?? []).map((r) => r.slug),
    coverImage: study.coverImage ? absolute(origin, study.coverImage.url) : null,
    attachments: (study.attachments ?? []).map((a) => ({ name: a.name, url: absolute(origin, a.url) })),
  };
}
