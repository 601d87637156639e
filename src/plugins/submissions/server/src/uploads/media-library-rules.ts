import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UPLOAD_MIME_TYPES, UPLOAD_TYPES } from '../../../shared/upload-types';
import { decideFileType, storedName } from '../validation/file-type';

interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  detectedMimeType?: string;
}
type FileInfo = { name?: string } | undefined;
type UploadService = Record<string, any>;

const refusal = (file: IncomingFile, message: string) =>
  new errors.ValidationError(`${file.originalFilename ?? 'file'}: ${message}`, {
    errors: [
      { path: ['files'], message: `${file.originalFilename ?? 'file'} ${message}`, name: 'ValidationError' },
    ],
  });

/** Each file's type by content; the file is renamed to the decided extension, and typed as decided. */
async function decideAll(files: IncomingFile | IncomingFile[], fileInfo: FileInfo | FileInfo[]) {
  const list = Array.isArray(files) ? files : [files];
  const infos = Array.isArray(fileInfo) ? fileInfo : [fileInfo];
  for (const [index, file] of list.entries()) {
    if (!file?.filepath) throw new errors.ValidationError('files: send the file as multipart form data');
    const type = await decideFileType(file.filepath);
    if (!type.ok) throw refusal(file, type.message);
    file.originalFilename = storedName(file.originalFilename, type.ext);
    file.mimetype = type.mime;
    file.detectedMimeType = type.mime; // the upload service stores this type
    const info = infos[index];
    if (info?.name) info.name = storedName(info.name, type.ext);
  }
}

const EXTENSIONS = new Set(UPLOAD_TYPES.map((t) => t.ext as string).concat(['.jpeg']));

/**
 * The upload plugin's own service is where every upload ends up (the admin's media library, the
 * content API's /api/upload, uploads from URLs, replacing a file, our attachments): decide types there.
 * Behind it, any row written to the file table with another type or extension is refused.
 */
export function registerMediaLibraryRules(strapi: Core.Strapi): void {
  strapi.get('services').extend('plugin::upload.upload', (upload: UploadService) => ({
    ...upload,
    async upload(
      input: { data?: { fileInfo?: FileInfo | FileInfo[] }; files: IncomingFile | IncomingFile[] },
      opts: unknown
    ) {
      await decideAll(input.files, input.data?.fileInfo);
      return upload.upload(input, opts);
    },
    async replace(id: number, input: { data?: { fileInfo?: FileInfo }; file: IncomingFile }, opts: unknown) {
      await decideAll(input.file, input.data?.fileInfo);
      // A replaced file keeps its URL, so its extension: the new content must be of the same kind.
      const current = await strapi.db
        .query('plugin::upload.file')
        .findOne({ where: { id }, select: ['ext'] });
      const sameKind = (ext: unknown) =>
        String(ext ?? '')
          .toLowerCase()
          .replace('.jpeg', '.jpg');
      if (current && sameKind(current.ext) !== sameKind(path.extname(input.file.originalFilename ?? '')))
        throw refusal(
          input.file,
          `is not a ${current.ext} file: upload it as a new file instead of replacing`
        );
      return upload.replace(id, input, opts);
    },
  }));
}

export function refuseOtherFileRows(strapi: Core.Strapi): void {
  const check = (event: { params: { data?: { mime?: unknown; ext?: unknown } } }) => {
    const { mime, ext } = event.params.data ?? {};
    const badMime = mime !== undefined && !UPLOAD_MIME_TYPES.includes(String(mime));
    const badExt = ext !== undefined && !EXTENSIONS.has(String(ext).toLowerCase());
    if (badMime || badExt)
      throw new errors.ValidationError(`files: a ${String(mime ?? ext)} file cannot be stored here`);
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file'],
    beforeCreate: check,
    beforeUpdate: check,
  } as never);
}
