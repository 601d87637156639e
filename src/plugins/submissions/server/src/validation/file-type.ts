import fs from 'fs/promises';

/** What a file's first bytes say it is. The declared type only decides between formats that share a container. */
const SIGNATURES: Array<{ bytes: number[]; types: string[] }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], types: ['application/pdf'] }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], types: ['image/png'] },
  { bytes: [0xff, 0xd8, 0xff], types: ['image/jpeg'] },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], types: ['application/msword'] }, // OLE2
  {
    bytes: [0x50, 0x4b, 0x03, 0x04], // ZIP: Office Open XML and OpenDocument
    types: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text',
    ],
  },
];

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** The file's type, from its content, or undefined when the content matches none we know. */
export async function detectFileType(
  filepath: string,
  declared: string | null | undefined
): Promise<string | undefined> {
  const handle = await fs.open(filepath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const match = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
    if (match) return match.types.includes(declared ?? '') ? declared! : match.types[0];
    return declared === 'text/plain' && looksLikeText(bytes) ? 'text/plain' : undefined;
  } finally {
    await handle.close();
  }
}
