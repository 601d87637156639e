import zlib from 'zlib';

/**
 * Small but structurally real files of the kinds uploads accept or refuse: ZIP-based Office and
 * OpenDocument files (stored entries, real CRCs and central directory) and Compound Files (MS-CFB
 * version 3: header, one FAT sector, one directory sector), built here so tests need no fixtures.
 */

export function zipFile(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const docx = () =>
  zipFile([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', '<Relationships/>'],
    ['word/document.xml', '<w:document/>'],
  ]);
export const xlsx = () =>
  zipFile([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['xl/workbook.xml', '<workbook/>'],
  ]);
export const pptx = () =>
  zipFile([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['ppt/presentation.xml', '<presentation/>'],
  ]);
export const docm = () =>
  zipFile([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['word/document.xml', '<w:document/>'],
    ['word/vbaProject.bin', Buffer.alloc(64, 1)],
  ]);
export const openDocument = (kind: 'text' | 'spreadsheet' | 'presentation') =>
  zipFile([
    ['mimetype', `application/vnd.oasis.opendocument.${kind}`],
    ['content.xml', '<office:document-content/>'],
    ['META-INF/manifest.xml', '<manifest:manifest/>'],
  ]);
/** A ZIP of web pages, named like a Word document. */
export const zipOfHtml = () => zipFile([['index.html', '<script>alert(1)</script>']]);

/** A Compound File whose directory holds a root entry and the given streams (e.g. "WordDocument"). */
export function compoundFile(streams: string[]): Buffer {
  const SECTOR = 512;
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // sector shift
  header.writeUInt16LE(6, 0x20); // mini sector shift
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  header.fill(0xff, 0x4c); // DIFAT: all free ...
  header.writeUInt32LE(0, 0x4c); // ... but the first: the FAT is sector 0
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0: a FAT sector
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1: the directory, end of chain
  const directory = Buffer.alloc(SECTOR);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    const bytes = Buffer.from(`${name}\0`, 'utf16le');
    bytes.copy(directory, at);
    directory.writeUInt16LE(bytes.length, at + 0x40);
    directory[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
    directory.writeUInt32LE(0xffffffff, at + 0x44); // no siblings or child
    directory.writeUInt32LE(0xffffffff, at + 0x48);
    directory.writeUInt32LE(i === 0 && streams.length ? 1 : 0xffffffff, at + 0x4c);
    directory.writeUInt32LE(0xfffffffe, at + 0x74); // no data
  });
  return Buffer.concat([header, fat, directory]);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A 1×1 PNG: signature, IHDR, IDAT, IEND. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
);
/** A 1×1 JPEG. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKAH/9k=',
  'base64'
);
export const PNG_THEN_HTML = Buffer.concat([
  PNG.subarray(0, 8),
  Buffer.from('<html><script>alert(1)</script></html>'),
]);
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
export const HTML = Buffer.from('<!doctype html><html><script>alert(document.domain)</script></html>');
export const SCRIPT = Buffer.from('fetch("/admin/users").then((r) => r.text()).then(alert);\n');
export const TEXT = Buffer.from('Evaluation notes\n\nBorrowing by under-12s rose by a third.\n');
