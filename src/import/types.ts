/** What the importer reads from a file, before anything is looked up in the database. */

/** A relation as the file names it: by slug or by name (CSV), or both (the JSON export). */
export interface TermRef {
  slug?: string;
  name?: string;
}

export interface ImportRow {
  /** Where the row is: "line 7" (CSV) or "record 3" (JSON). */
  where: string;
  slug: string;
  title: string;
  summary: string;
  publicationDate: string | null;
  councils: TermRef[];
  topics: TermRef[];
  supportTypes: TermRef[];
  sections: Array<{ heading: string; body: string }>;
  contact: { name: string; role: string | null; email: string | null } | null;
  externalLinks: Array<{ label: string; url: string }>;
  relatedCaseStudies: string[];
  /** Media are not downloaded: the import says so when a row has some. */
  hasMedia: boolean;
}

export interface Problem {
  where: string;
  field: string;
  message: string;
}

export interface ParsedFile {
  rows: ImportRow[];
  /** Rows (or the whole file) that cannot be imported, each naming where and which field. */
  problems: Problem[];
  /** A problem with the file itself (encoding, empty, header): nothing is imported. */
  fatal: boolean;
}

export const problem = (where: string, field: string, message: string): Problem => ({ where, field, message });
