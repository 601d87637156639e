import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EDITABLE_STATES } from '../../../shared/workflow';
import type { Actor } from '../access/rules';
import type { SubmissionsConfig } from '../config';
import { ConflictError, fieldErrors, MESSAGES } from '../errors';
import { getService, UIDS } from '../utils/get-service';
import { decideFileType, storedName } from '../validation/file-type';

type CouncilActor = Extract<Actor, { kind: 'council' }>;

export interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** Files a council attaches to a draft: a few, small, of document and image types only. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::submissions') as SubmissionsConfig;

  async function editable(actor: CouncilActor, documentId: string) {
    const row = await getService(strapi, 'drafts').findOwn(actor, documentId);
    if (!EDITABLE_STATES.includes(row.state))
      throw new ConflictError(MESSAGES.notEditable(row.state), { state: row.state });
    return row;
  }

  async function checkFile(file: IncomingFile, count: number) {
    const { attachmentMaxBytes, attachmentTypes, attachmentMaxCount } = config();
    if (count >= attachmentMaxCount)
      throw fieldErrors([
        { field: 'file', message: `a submission may have at most ${attachmentMaxCount} attachments` },
      ]);
    if (file.size > attachmentMaxBytes) {
      throw fieldErrors([
        { field: 'file', message: `must be ${Math.round(attachmentMaxBytes / 1024 / 1024)} MB or smaller` },
      ]);
    }
    const type = await decideFileType(file.filepath); // by content: never the client's name or type
    if (!type.ok) throw fieldErrors([{ field: 'file', message: type.message }]);
    if (!attachmentTypes.includes(type.mime))
      throw fieldErrors([{ field: 'file', message: `must be one of: ${attachmentTypes.join(', ')}` }]);
    return type;
  }

  return {
    async add(actor: CouncilActor, documentId: string, file: IncomingFile | IncomingFile[] | undefined) {
      const row = await editable(actor, documentId);
      if (!file || Array.isArray(file)) {
        throw fieldErrors([
          { field: 'file', message: 'send one file, as multipart form data in a field named "file"' },
        ]);
      }
      const type = await checkFile(file, row.attachments?.length ?? 0);
      const name = storedName(file.originalFilename, type.ext);
      const [uploaded] = await strapi
        .plugin('upload')
        .service('upload')
        .upload({ data: { fileInfo: { name } }, files: file });
      await strapi.db.query(UIDS.submission).update({
        where: { id: row.id },
        data: {
          attachments: [...(row.attachments ?? []).map((a) => a.id), uploaded.id],
          version: row.version + 1,
          lastActivityAt: new Date(),
        },
      });
      return getService(strapi, 'views').load(documentId);
    },

    async remove(actor: CouncilActor, documentId: string, fileId: number) {
      const row = await editable(actor, documentId);
      if (!(row.attachments ?? []).some((a) => a.id === fileId))
        throw new errors.NotFoundError('No such attachment on this submission');
      await strapi.db.query(UIDS.submission).update({
        where: { id: row.id },
        data: {
          attachments: (row.attachments ?? []).filter((a) => a.id !== fileId).map((a) => a.id),
          version: row.version + 1,
          lastActivityAt: new Date(),
        },
      });
      const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id: fileId } });
      if (file) await strapi.plugin('upload').service('upload').remove(file);
      return getService(strapi, 'views').load(documentId);
    },
  };
};
