import type { Core } from '@strapi/strapi';
import { toMarkdown } from '../../../shared/paragraphs';
import type { TemplateDefinition } from '../../../shared/template';
import { UIDS } from '../utils/get-service';
import type { PublishedMedia } from './case-study-media';
import type { SubmissionRow } from './views';

/** Writes the case study a submission becomes. Runs inside the workflow's transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async publish(row: SubmissionRow, template: TemplateDefinition, media: PublishedMedia): Promise<string> {
    const answers = row.answers ?? {};
    const data = {
      title: row.title,
      summary: row.summary,
      // Answers are plain text; the case study body is Markdown that renders them exactly as typed.
      sections: template.sections
        .filter((section) => answers[section.key]?.trim())
        .map((section) => ({ heading: section.title, body: toMarkdown(answers[section.key]) })),
      councils: row.council ? [row.council.documentId] : [],
      topics: row.topics.map((t) => t.documentId),
      supportTypes: row.supportTypes.map((t) => t.documentId),
      contact: row.contact?.name
        ? { name: row.contact.name, role: row.contact.role || null, email: row.contact.email || null }
        : null,
      coverImage: media.coverImage,
      attachments: media.attachments,
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
