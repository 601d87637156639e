/**
 * The only kinds of file this site stores, council attachments and the admin's media library alike.
 * The kind is decided by the file's content (server/src/validation/file-type.ts), and the stored
 * name takes its extension from here: nothing that a browser could run (HTML, SVG, script) is ever kept.
 */
export const UPLOAD_TYPES = [
  { mime: 'application/pdf', ext: '.pdf' },
  { mime: 'image/png', ext: '.png' },
  { mime: 'image/jpeg', ext: '.jpg' },
  { mime: 'text/plain', ext: '.txt' },
  { mime: 'application/msword', ext: '.doc' },
  { mime: 'application/vnd.ms-excel', ext: '.xls' },
  { mime: 'application/vnd.ms-powerpoint', ext: '.ppt' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: '.docx' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx' },
  { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: '.pptx' },
  { mime: 'application/vnd.oasis.opendocument.text', ext: '.odt' },
  { mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: '.ods' },
  { mime: 'application/vnd.oasis.opendocument.presentation', ext: '.odp' },
] as const;

export type UploadMime = (typeof UPLOAD_TYPES)[number]['mime'];

export const UPLOAD_MIME_TYPES: readonly string[] = UPLOAD_TYPES.map((t) => t.mime);

/** Served inline from /uploads (as images, with nosniff); every other file is served as a download. */
export const INLINE_UPLOAD_TYPES: readonly string[] = ['image/png', 'image/jpeg'];

/**
 * The headers a stored upload is served with, whatever serves it (/uploads, or a route that streams
 * one): no sniffing, a sandbox allowing nothing, and a download unless it is a PNG or JPEG image.
 */
export function servedUploadHeaders(mime: string): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    ...(INLINE_UPLOAD_TYPES.includes(mime.toLowerCase()) ? {} : { 'Content-Disposition': 'attachment' }),
  };
}

export const extensionOf = (mime: UploadMime): string => UPLOAD_TYPES.find((t) => t.mime === mime)!.ext;

export const UPLOAD_TYPES_IN_WORDS =
  'a PDF, an Office or OpenDocument document, a PNG or JPEG image, or plain text';
