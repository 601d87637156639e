import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  DEFAULT_TEMPLATE_SECTIONS,
  FIXED_QUESTIONS,
  type TemplateDefinition,
  type TemplateSection,
} from '../../../shared/template';
import { UIDS } from '../utils/get-service';

interface TemplateRow {
  version: number;
  sections: TemplateSection[];
  publishedBy?: string | null;
  createdAt?: string;
}

const toDefinition = (
  row: TemplateRow
): TemplateDefinition & { publishedBy?: string | null; createdAt?: string } => ({
  version: row.version,
  sections: row.sections,
  publishedBy: row.publishedBy ?? null,
  createdAt: row.createdAt,
});

/** The versioned case study template. The highest version is current; older ones stay for the submissions that use them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current() {
    const [row] = await strapi.db.query(UIDS.template).findMany({ orderBy: { version: 'desc' }, limit: 1 });
    if (!row) throw new Error('No case study template: the plugin bootstrap seeds one');
    return toDefinition(row);
  },

  async byVersion(version: number) {
    const row = await strapi.db.query(UIDS.template).findOne({ where: { version } });
    return row ? toDefinition(row) : this.current();
  },

  async versions() {
    const rows = await strapi.db
      .query(UIDS.template)
      .findMany({ orderBy: { version: 'desc' }, select: ['version', 'publishedBy', 'createdAt'] });
    return rows as Array<Pick<TemplateRow, 'version' | 'publishedBy' | 'createdAt'>>;
  },

  /** The template as a form renders it: the fixed questions around one version's sections (default: current). */
  async forForm(version?: number) {
    if (version === undefined) return { ...(await this.current()), questions: FIXED_QUESTIONS };
    const row = await strapi.db.query(UIDS.template).findOne({ where: { version } });
    if (!row) throw new errors.NotFoundError(`No template version ${version}`);
    return { ...toDefinition(row), questions: FIXED_QUESTIONS };
  },

  async publishNewVersion(sections: TemplateSection[], publishedBy: string) {
    const { version } = await this.current();
    const row = await strapi.db
      .query(UIDS.template)
      .create({ data: { version: version + 1, sections, publishedBy } });
    return toDefinition(row);
  },

  /** Seeds version 1 on a new database. Two processes booting at once: the unique version lets only one win. */
  async ensureDefault() {
    if ((await strapi.db.query(UIDS.template).count({})) > 0) return;
    try {
      await strapi.db
        .query(UIDS.template)
        .create({ data: { version: 1, sections: DEFAULT_TEMPLATE_SECTIONS, publishedBy: 'default' } });
    } catch (error) {
      if ((await strapi.db.query(UIDS.template).count({})) === 0) throw error;
    }
  },
});
