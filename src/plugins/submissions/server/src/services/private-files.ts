import { createReadStream, type ReadStream } from 'fs';
import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { ATTACHMENT_ID } from '../../../shared/attachments';
import type { SubmissionsConfig } from '../config';

/**
 * The bytes of unpublished submissions' files, in a folder outside public/ that no static route
 * serves (PRIVATE_UPLOADS_DIR). Files are named by their attachment id alone: no client-given name
 * reaches the file system. Every process must see the same folder (one network volume).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const root = () =>
    path.resolve(
      strapi.dirs.app.root,
      (strapi.config.get('plugin::submissions') as SubmissionsConfig).privateUploadsDir
    );
  const fileOf = (id: string) => {
    if (!ATTACHMENT_ID.test(id)) throw new Error(`not an attachment id: ${id}`);
    return path.join(root(), id);
  };

  return {
    /** Creates the folder; refuses one inside public/, which Strapi serves to anyone. */
    async prepare() {
      const dir = root();
      const publicDir = path.resolve(strapi.dirs.static.public);
      if (dir === publicDir || dir.startsWith(publicDir + path.sep))
        throw new Error(`PRIVATE_UPLOADS_DIR (${dir}) must not be inside the public folder ${publicDir}`);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    },

    /** Copies a file (an upload's temporary file) in, under the attachment's id. */
    async put(id: string, fromPath: string) {
      await this.prepare();
      await fs.copyFile(fromPath, fileOf(id));
    },

    path: fileOf,

    /** The file's bytes, or null when it is not there. */
    async open(id: string): Promise<ReadStream | null> {
      const file = fileOf(id);
      try {
        await fs.access(file);
      } catch {
        return null;
      }
      return createReadStream(file);
    },

    async remove(id: string) {
      await fs.rm(fileOf(id), { force: true });
    },
  };
};
