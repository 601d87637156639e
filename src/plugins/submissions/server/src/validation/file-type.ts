import fs from 'fs/promises';
import path from 'path';
import { extensionOf, UPLOAD_TYPES_IN_WORDS, type UploadMime } from '../../../shared/upload-types';
import {
  CFB_SIGNATURE,
  compoundFileEntryNames,
  openDocumentMimetype,
  ZIP_SIGNATURE,
  zipEntryNames,
} from './containers';

/**
 * What a file is, decided by its content alone: never by the name or the type the client declared.
 * Used for council attachments and for every upload to the admin's media library (uploads/).
 */
export type FileDecision = { ok: true; mime: UploadMime; ext: string } | { ok: false; message: string };

const refused = (message = `must be ${UPLOAD_TYPES_IN_WORDS}`): FileDecision => ({ ok: false, message });
const accepted = (mime: UploadMime): FileDecision => ({ ok: true, mime, ext: extensionOf(mime) });
const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_HEADER_CHUNK = [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]; // length 13, "IHDR"
const OPEN_DOCUMENT: Record<string, UploadMime> = {
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet': 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'application/vnd.oasis.opendocument.presentation',
};
const OFFICE_OPEN_XML: [part: string, mime: UploadMime][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
const OFFICE_97: [stream: string, mime: UploadMime][] = [
  ['WordDocument', 'application/msword'],
  ['Workbook', 'application/vnd.ms-excel'],
  ['Book', 'application/vnd.ms-excel'],
  ['PowerPoint Document', 'application/vnd.ms-powerpoint'],
];
const MACROS = /(^|\/)vbaProject\.bin$|^(_VBA_PROJECT_CUR|_VBA_PROJECT|Macros|VBA)$/i;
const MACRO_MESSAGE = 'must not contain macros: save it as a document without macros';

function zipDocument(file: Buffer): FileDecision {
  const names = zipEntryNames(file);
  if (!names) return refused();
  if (names.some((n) => MACROS.test(n))) return refused(MACRO_MESSAGE);
  const openDocument = OPEN_DOCUMENT[openDocumentMimetype(file) ?? ''];
  if (openDocument) return accepted(openDocument);
  if (!names.includes('[Content_Types].xml')) return refused();
  const part = OFFICE_OPEN_XML.find(([name]) => names.includes(name));
  return part ? accepted(part[1]) : refused();
}

function compoundDocument(file: Buffer): FileDecision {
  const names = compoundFileEntryNames(file);
  if (!names) return refused();
  if (names.some((n) => MACROS.test(n))) return refused(MACRO_MESSAGE);
  const stream = OFFICE_97.find(([name]) => names.includes(name));
  return stream ? accepted(stream[1]) : refused();
}

// Anything a browser would take for markup, even when told it is text.
const MARKUP =
  /^\s*<|<\s*\/?\s*(script|html|head|body|svg|iframe|object|embed|meta|link|style|img|xml|\?xml|!doctype)\b/i;
// C0 controls other than tab, line feed, form feed and carriage return; DEL.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function plainText(file: Buffer): FileDecision {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    return refused();
  }
  if (CONTROL.test(text)) return refused();
  if (MARKUP.test(text)) return refused('must not be HTML, XML or SVG: attach a PDF or plain text instead');
  return accepted('text/plain');
}

/** Decides the type of a file on disk (an upload's temporary file). */
export async function decideFileType(filepath: string): Promise<FileDecision> {
  const file = await fs.readFile(filepath);
  return decideFileContent(file);
}

export function decideFileContent(file: Buffer): FileDecision {
  if (file.length === 0) return refused('is empty');
  if (file.subarray(0, 5).toString('latin1') === '%PDF-') return accepted('application/pdf');
  if (startsWith(file, PNG))
    return file.subarray(8, 16).equals(Buffer.from(PNG_HEADER_CHUNK)) ? accepted('image/png') : refused();
  if (file[0] === 0xff && file[1] === 0xd8 && file[2] === 0xff && file[3] >= 0xc0 && file[3] !== 0xff)
    return accepted('image/jpeg');
  if (startsWith(file, ZIP_SIGNATURE)) return zipDocument(file);
  if (startsWith(file, CFB_SIGNATURE)) return compoundDocument(file);
  return plainText(file);
}

/** The name a file is stored under: the client's name without its extension, plus the decided one. */
export function storedName(clientName: string | null | undefined, ext: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(String(clientName ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  const stem = base.slice(0, base.length - path.extname(base).length).trim().slice(0, 200) || 'attachment';
  return `${stem}${ext}`;
}
