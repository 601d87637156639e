import { createWriteStream } from 'fs';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import type { Core } from '@strapi/strapi';
import { isImageType, type StoredAttachment } from '../../../shared/attachments';
import { getService, UIDS } from '../utils/get-service';
import type { SubmissionRow } from './views';

interface UploadedFile {
  id: number;
  provider?: string;
  url: string;
  name: string;
  mime: string;
  size: number;
  formats?: Record<string, { url: string }> | null;
}

/** What a publish put in the media library: the cover, the other files, and which came from which attachment. */
export interface PublishedMedia {
  coverImage: number | null;
  attachments: number[];
  /** attachment id → media-library file id, kept on the submission so archiving can take them down. */
  publicFiles: Record<string, number>;
  /** Deletes the copies from the upload provider (the transaction that recorded them rolled back). */
  discard(): Promise<void>;
}

/**
 * A submission's private files becoming a case study's public media, through Strapi's upload service
 * (so the media library, the REST API and any upload provider, S3 included, see them), and back.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const uploads = () => strapi.plugin('upload').service('upload');
  const provider = () => strapi.plugin('upload').provider as { delete(file: unknown): Promise<void> };

  async function deleteFromProvider(file: UploadedFile) {
    await provider().delete(file);
    for (const format of Object.values(file.formats ?? {})) await provider().delete(format);
  }

  async function publishOne(attachment: StoredAttachment): Promise<UploadedFile> {
    const filepath = getService(strapi, 'privateFiles').path(attachment.id);
    const [file] = await uploads().upload({
      data: { fileInfo: { name: attachment.name } },
      files: {
        filepath,
        originalFilename: attachment.name,
        mimetype: attachment.mime,
        size: attachment.size,
      },
    });
    return file as UploadedFile;
  }

  return {
    /** Public copies of every attachment: the chosen cover image as the cover, the rest as attachments. */
    async publish(row: SubmissionRow): Promise<PublishedMedia> {
      const made: UploadedFile[] = [];
      const media: PublishedMedia = {
        coverImage: null,
        attachments: [],
        publicFiles: {},
        discard: async () => {
          for (const file of made) await deleteFromProvider(file).catch(() => undefined);
        },
      };
      try {
        for (const attachment of row.attachments ?? []) {
          const file = await publishOne(attachment);
          made.push(file);
          media.publicFiles[attachment.id] = file.id;
          if (attachment.id === row.coverAttachment && isImageType(attachment.mime))
            media.coverImage = file.id;
          else media.attachments.push(file.id);
        }
      } catch (error) {
        await media.discard();
        throw error;
      }
      return media;
    },

    /**
     * Takes down the public copies a publish made (after an archive has committed): an archived case
     * study is no longer public, and its files may say things that should not stay online. The private
     * copies stay with the submission, so nothing the council sent is lost.
     */
    async removePublicCopies(publicFiles: Record<string, number> | null) {
      for (const id of Object.values(publicFiles ?? {})) {
        const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
        if (file) await uploads().remove(file);
      }
    },

    /**
     * Files attached before they were private (see the 2026.11.27T03 migration): copies each into the
     * private folder, then deletes the public copy unless the submission is published. Safe to run in
     * every process at every boot: the move is a conditional update on the version, so only one applies.
     */
    async adoptLegacy(): Promise<number> {
      const rows = (await strapi.db.query(UIDS.submission).findMany({
        where: { legacyAttachments: { id: { $notNull: true } } },
        populate: { legacyAttachments: true },
        limit: 100,
      })) as Array<SubmissionRow & { legacyAttachments: UploadedFile[] }>;
      let moved = 0;
      for (const row of rows) {
        try {
          moved += await this.adoptLegacyOf(row);
        } catch (error) {
          // One unreadable file must not stop the server starting: it is retried at the next boot.
          strapi.log.error(
            `submissions: could not move the files of ${row.reference} to private storage: ${error}`
          );
        }
      }
      return moved;
    },

    async adoptLegacyOf(row: SubmissionRow & { legacyAttachments: UploadedFile[] }): Promise<number> {
      const adopted: StoredAttachment[] = [];
      for (const file of row.legacyAttachments) {
        const id = getService(strapi, 'attachments').newId();
        await this.copyToPrivate(file, id);
        adopted.push({
          id,
          name: file.name,
          mime: file.mime,
          size: Math.round(file.size * 1024), // the media library counts kilobytes
          uploadedAt: new Date().toISOString(),
        });
      }
      const stillPublic = row.state === 'published';
      const committed = await strapi.db.transaction(async () => {
        const { count } = await strapi.db.query(UIDS.submission).updateMany({
          where: { id: row.id, version: row.version },
          data: {
            version: row.version + 1,
            attachments: [...(row.attachments ?? []), ...adopted],
            ...(stillPublic
              ? {
                  publicFiles: {
                    ...(row.publicFiles ?? {}),
                    ...Object.fromEntries(adopted.map((a, i) => [a.id, row.legacyAttachments[i].id])),
                  },
                }
              : {}),
          },
        });
        if (count !== 1) return false;
        await strapi.db
          .query(UIDS.submission)
          .update({ where: { id: row.id }, data: { legacyAttachments: [] } });
        return true;
      });
      if (!committed) {
        for (const a of adopted) await getService(strapi, 'privateFiles').remove(a.id);
        return 0;
      }
      if (!stillPublic) for (const file of row.legacyAttachments) await uploads().remove(file);
      return adopted.length;
    },

    /** The bytes of a media-library file into the private folder: from public/ (local provider) or its URL. */
    async copyToPrivate(file: UploadedFile, id: string) {
      const target = getService(strapi, 'privateFiles');
      if (file.url.startsWith('/')) {
        const publicDir = path.resolve(strapi.dirs.static.public);
        const source = path.resolve(publicDir, `.${file.url}`);
        if (!source.startsWith(publicDir + path.sep))
          throw new Error(`media file outside public/: ${file.url}`);
        return target.put(id, source);
      }
      const response = await fetch(file.url);
      if (!response.ok || !response.body) throw new Error(`could not read ${file.url}: ${response.status}`);
      const temp = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'submission-file-')), 'file');
      try {
        await pipeline(Readable.fromWeb(response.body as never), createWriteStream(temp));
        await target.put(id, temp);
      } finally {
        await fs.rm(path.dirname(temp), { recursive: true, force: true });
      }
    },
  };
};
