import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isImageType, type StoredAttachment } from '../../../shared/attachments';
import { EDITABLE_STATES, EDITOR_COVER_STATES } from '../../../shared/workflow';
import { mayReview, type Actor } from '../access/rules';
import type { SubmissionsConfig } from '../config';
import { ConflictError, ForbiddenError, MESSAGES, fieldErrors } from '../errors';
import { getService, UIDS } from '../utils/get-service';
import { decideFileType, storedName } from '../validation/file-type';
import type { SubmissionRow } from './views';

type CouncilActor = Extract<Actor, { kind: 'council' }>;

export interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** Concurrent uploads each retry their claim on the version this many times before answering 409. */
const CLAIM_ATTEMPTS = 10;

const newAttachmentId = () => randomBytes(16).toString('hex');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Files a council attaches to a draft: a few, small, of document and image types only, kept private
 * (services/private-files.ts) until the submission is published. Every change is a conditional
 * update on the submission's version, like every other write.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::submissions') as SubmissionsConfig;
  const store = () => getService(strapi, 'privateFiles');

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

  /**
   * Writes `change(row)` if nobody changed the submission since it was read: re-reads and retries
   * when another write won, unless the client pinned the version it saw (then 409 at once).
   */
  async function claim(
    read: () => Promise<SubmissionRow>,
    pinnedVersion: number | undefined,
    change: (row: SubmissionRow) => Promise<Record<string, unknown>>
  ): Promise<SubmissionRow> {
    for (let attempt = 1; ; attempt++) {
      const row = await read();
      if (pinnedVersion !== undefined && pinnedVersion !== row.version)
        throw new ConflictError(MESSAGES.staleVersion(pinnedVersion, row.version), { version: row.version });
      const data = await change(row);
      const { count } = await strapi.db.query(UIDS.submission).updateMany({
        where: { id: row.id, version: row.version, state: { $in: EDITABLE_STATES } },
        data: { ...data, version: row.version + 1, lastActivityAt: new Date() },
      });
      if (count === 1) return row;
      if (pinnedVersion !== undefined || attempt >= CLAIM_ATTEMPTS)
        throw new ConflictError(MESSAGES.staleVersion(pinnedVersion ?? row.version, row.version + 1));
      await pause(5 + Math.random() * 20 * attempt);
    }
  }

  return {
    newId: newAttachmentId,

    /** Stores the file privately and adds it to the submission; `version`, if sent, must be current. */
    async add(
      actor: CouncilActor,
      documentId: string,
      file: IncomingFile | IncomingFile[] | undefined,
      version?: number
    ) {
      const id = newAttachmentId();
      let stored: StoredAttachment | null = null;
      try {
        await claim(
          () => editable(actor, documentId),
          version,
          async (row) => {
            if (!file || Array.isArray(file)) {
              throw fieldErrors([
                { field: 'file', message: 'send one file, as multipart form data in a field named "file"' },
              ]);
            }
            const type = await checkFile(file, row.attachments?.length ?? 0);
            if (!stored) {
              const mime = type.mime;
              await store().put(id, file.filepath);
              stored = {
                id,
                name: storedName(file.originalFilename, type.ext),
                mime,
                size: file.size,
                uploadedAt: new Date().toISOString(),
              };
            }
            return { attachments: [...(row.attachments ?? []), stored] };
          }
        );
      } catch (error) {
        if (stored) await store().remove(id);
        throw error;
      }
      return (await getService(strapi, 'views').load(documentId))!;
    },

    async remove(actor: CouncilActor, documentId: string, fileId: string, version?: number) {
      await claim(
        () => editable(actor, documentId),
        version,
        async (row) => {
          if (!(row.attachments ?? []).some((a) => a.id === fileId))
            throw new errors.NotFoundError(MESSAGES.noSuchAttachment);
          return {
            attachments: (row.attachments ?? []).filter((a) => a.id !== fileId),
            ...(row.coverAttachment === fileId ? { coverAttachment: null } : {}),
          };
        }
      );
      await store().remove(fileId);
      return (await getService(strapi, 'views').load(documentId))!;
    },

    /** The problem with choosing this attachment as the cover, or null. */
    coverProblem(row: SubmissionRow, attachmentId: string | null): string | null {
      if (attachmentId === null) return null;
      const found = (row.attachments ?? []).find((a) => a.id === attachmentId);
      if (!found) return 'must be the id of one of this submission’s attachments';
      return isImageType(found.mime) ? null : 'must be an image (PNG or JPEG)';
    },

    /** A reviewer's choice of cover image, while the submission is with the editors. */
    async chooseCover(
      actor: Extract<Actor, { kind: 'admin' }>,
      documentId: string,
      input: { version: number; coverAttachment: string | null }
    ): Promise<SubmissionRow> {
      const views = getService(strapi, 'views');
      const row = await views.load(documentId);
      if (!row) throw new errors.NotFoundError(MESSAGES.notFound);
      if (!mayReview(actor)) throw new ForbiddenError(MESSAGES.needsPermission('Review submissions'));
      if (!EDITOR_COVER_STATES.includes(row.state))
        throw new ConflictError(MESSAGES.coverNotNow(row.state), { state: row.state });
      if (input.version !== row.version)
        throw new ConflictError(MESSAGES.staleVersion(input.version, row.version), { version: row.version });
      const problem = this.coverProblem(row, input.coverAttachment);
      if (problem) throw fieldErrors([{ field: 'coverAttachment', message: problem }]);
      const { count } = await strapi.db.query(UIDS.submission).updateMany({
        where: { id: row.id, version: row.version, state: row.state },
        data: {
          coverAttachment: input.coverAttachment,
          version: row.version + 1,
          lastActivityAt: new Date(),
        },
      });
      if (count !== 1) throw new ConflictError(MESSAGES.staleVersion(input.version, row.version + 1));
      return (await views.load(documentId))!;
    },

    /** One attachment's record and bytes, for a download route; 404 when either is missing. */
    async open(row: SubmissionRow, fileId: string) {
      const attachment = (row.attachments ?? []).find((a) => a.id === fileId);
      const stream = attachment ? await store().open(attachment.id) : null;
      if (!attachment || !stream) throw new errors.NotFoundError(MESSAGES.noSuchAttachment);
      return { attachment, stream };
    },
  };
};
