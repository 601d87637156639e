import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  decideFileContent,
  decideFileType,
  storedName,
} from '../../src/plugins/submissions/server/src/validation/file-type';
import {
  compoundFile,
  docm,
  docx,
  HTML,
  JPEG,
  openDocument,
  PDF,
  PNG,
  PNG_THEN_HTML,
  pptx,
  SCRIPT,
  SVG,
  TEXT,
  xlsx,
  zipFile,
  zipOfHtml,
} from '../helpers/office-files';

describe('accepted by content, with the extension of what it is', () => {
  it.each([
    ['PDF', PDF, 'application/pdf', '.pdf'],
    ['PNG', PNG, 'image/png', '.png'],
    ['JPEG', JPEG, 'image/jpeg', '.jpg'],
    ['plain text', TEXT, 'text/plain', '.txt'],
    ['a script (as text: it is stored .txt, never .js)', SCRIPT, 'text/plain', '.txt'],
    ['UTF-8 text with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), TEXT]), 'text/plain', '.txt'],
    ['Word', docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
    ['Excel', xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx'],
    [
      'PowerPoint',
      pptx(),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      '.pptx',
    ],
    ['OpenDocument text', openDocument('text'), 'application/vnd.oasis.opendocument.text', '.odt'],
    [
      'OpenDocument spreadsheet',
      openDocument('spreadsheet'),
      'application/vnd.oasis.opendocument.spreadsheet',
      '.ods',
    ],
    [
      'OpenDocument slides',
      openDocument('presentation'),
      'application/vnd.oasis.opendocument.presentation',
      '.odp',
    ],
    ['Word 97-2003', compoundFile(['WordDocument', '1Table']), 'application/msword', '.doc'],
    ['Excel 97-2003', compoundFile(['Workbook']), 'application/vnd.ms-excel', '.xls'],
    ['PowerPoint 97-2003', compoundFile(['PowerPoint Document']), 'application/vnd.ms-powerpoint', '.ppt'],
  ])('%s', (_label, content, mime, ext) => {
    expect(decideFileContent(content)).toEqual({ ok: true, mime, ext });
  });
});

describe('refused, whatever it is called', () => {
  it.each([
    ['HTML', HTML, /HTML/],
    ['SVG', SVG, /SVG/],
    ['XML', Buffer.from('<?xml version="1.0"?><a/>'), /XML/],
    ['text with a script tag later on', Buffer.from('Notes\n\nsee <script src=x></script>'), /HTML/],
    ['a PNG header followed by HTML', PNG_THEN_HTML, /must be a PDF/],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), /must be a PDF/],
    ['text with NUL bytes', Buffer.from('a\u0000b'), /must be a PDF/],
    ['Latin-1 (not UTF-8) bytes', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /must be a PDF/],
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a ZIP of web pages', zipOfHtml(), /must be a PDF/],
    ['a ZIP with no central directory', docx().subarray(0, 60), /must be a PDF/],
    ['a macro-enabled Word file', docm(), /macros/],
    ['a compound file of unknown streams', compoundFile(['EncryptedPackage']), /must be a PDF/],
    ['a Word 97 file with macros', compoundFile(['WordDocument', 'Macros']), /macros/],
    ['a truncated compound file', compoundFile(['WordDocument']).subarray(0, 700), /must be a PDF/],
    ['a ZIP claiming a foreign OpenDocument type', zipFile([['mimetype', 'text/html']]), /must be a PDF/],
  ])('%s', (_label, content, message) => {
    const decision = decideFileContent(content);
    expect(decision.ok).toBe(false);
    expect(decision.ok === false && decision.message).toMatch(message);
  });

  it('gives up on a compound file whose directory chain loops, rather than spinning', () => {
    const looping = compoundFile(['WordDocument']);
    looping.writeUInt32LE(1, 512 + 4); // FAT: sector 1 (the directory) is followed by itself
    expect(decideFileContent(looping).ok).toBe(false);
  });
});

it('reads the file from disk', async () => {
  const file = path.join(os.tmpdir(), `file-type-${process.pid}-${Date.now()}.upload`);
  fs.writeFileSync(file, docx());
  try {
    expect(await decideFileType(file)).toMatchObject({ ok: true, ext: '.docx' });
  } finally {
    fs.rmSync(file, { force: true });
  }
});

describe('storedName', () => {
  it.each([
    ['report.pdf', '.pdf', 'report.pdf'],
    ['evil.js', '.txt', 'evil.txt'],
    ['page.html', '.txt', 'page.txt'],
    ['notes', '.txt', 'notes.txt'],
    ['Report.DOCX', '.docx', 'Report.docx'],
    ['../../etc/passwd.png', '.png', 'passwd.png'],
    ['C:\\Users\\ann\\plan.doc', '.doc', 'plan.doc'],
    ['.pdf', '.pdf', '.pdf.pdf'],
    ['', '.pdf', 'attachment.pdf'],
    [null, '.jpg', 'attachment.jpg'],
  ])('%j as %s -> %s', (name, ext, stored) => {
    expect(storedName(name, ext)).toBe(stored);
  });
});
