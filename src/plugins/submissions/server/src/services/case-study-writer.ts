import type { Core } from '@strapi/strapi';
import type { TemplateDefinition } from '../../../shared/template';
import { UIDS } from '../utils/get-service';
import type { SubmissionRow } from './views';

// Answers are plain text; the case study body is Markdown. Escape what Markdown or HTML would read as markup.
const toMarkdown = (text: string) => text.replace(/[\\`*_<>#[\]]/g, (c) => `\\${c}`);

/** Writes the case study a submission becomes. Runs inside the workflow's transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async publish(row: SubmissionRow, template: TemplateDefinition): Promise<string> {
    const answers = row.answers ?? {};
    const data = {
      title: row.title,
      summary: row.summary,
      sections: template.sections
        .filter((section) => answers[section.key]?.trim())
        .map((section) => ({ heading: section.title, body: toMarkdown(answers[section.key]) })),
      councils: row.council ? [row.council.documentId] : [],
      topics: row.topics.map((t) => t.documentId),
      supportTypes: row.supportTypes.map((t) => t.documentId),
      contact: row.contact?.name
        ? { name: row.contact.name, role: row.contact.role || null, email: row.contact.email || null }
        : null,
      attachments: (row.attachments ?? []).map((file) => file.id),
      publicationDate: new Date().toISOString().slice(0, 10),
    };
    const documents = strapi.documents(UIDS.caseStudy);
    if (row.caseStudyDocumentId) {
      await documents.update({ documentId: row.caseStudyDocumentId, data: data as never });
      await documents.publish({ documentId: row.caseStudyDocumentId });
      return row.caseStudyDocumentId;
    }
    const created = await documents.create({ data: data as never, status: 'published' });
    return created.documentId;
  },

  async unpublish(row: SubmissionRow): Promise<void> {
    if (row.caseStudyDocumentId)
      await strapi.documents(UIDS.caseStudy).unpublish({ documentId: row.caseStudyDocumentId });
  },

  async slugOf(documentId: string): Promise<string | null> {
    const entry = await strapi.db.query(UIDS.caseStudy).findOne({ where: { documentId }, select: ['slug'] });
    return entry?.slug ?? null;
  },
});
