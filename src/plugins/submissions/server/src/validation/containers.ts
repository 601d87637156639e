/**
 * Just enough of the two container formats Office files come in to name what is inside: the ZIP
 * central directory (Office Open XML, OpenDocument) and the Compound File directory (Word 97-2003 and
 * friends). Bounded loops only: a crafted file can make them give up, never spin.
 */

const u16 = (b: Buffer, at: number) => (at + 2 <= b.length ? b.readUInt16LE(at) : -1);
const u32 = (b: Buffer, at: number) => (at + 4 <= b.length ? b.readUInt32LE(at) : -1);

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The entry names of a ZIP file's central directory, or undefined if it has none we can read. */
export function zipEntryNames(zip: Buffer): string[] | undefined {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (u32(zip, at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(zip, end + 10);
  const size = u32(zip, end + 12);
  let at = u32(zip, end + 16);
  if (count < 0 || size < 0 || at < 0 || at + size > end) return undefined; // also ZIP64 (0xffffffff)
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(zip, at) !== ENTRY) return undefined;
    const nameLength = u16(zip, at + 28);
    const skip = 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
    if (at + skip > end) return undefined;
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += skip;
  }
  return names;
}

/** OpenDocument's first entry: "mimetype", stored uncompressed, holding the document's type. */
export function openDocumentMimetype(zip: Buffer): string | undefined {
  const nameLength = u16(zip, 26);
  if (u16(zip, 8) !== 0 || zip.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return undefined;
  const start = 30 + nameLength + u16(zip, 28);
  const length = u32(zip, 18);
  if (length < 0 || length > 100 || start + length > zip.length) return undefined;
  return zip.toString('latin1', start, start + length);
}

/** The names of the storages and streams in a Compound File (MS-CFB), or undefined if it is malformed. */
export function compoundFileEntryNames(file: Buffer): string[] | undefined {
  const shift = u16(file, 0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.floor(file.length / sectorSize) - 1;
  const sectorAt = (n: number) => (n >= 0 && n < sectorCount ? (n + 1) * sectorSize : -1);

  // Where the FAT lives: 109 sector numbers in the header, then a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  const fatCount = u32(file, 0x2c);
  for (let i = 0; i < Math.min(fatCount, 109); i++) fatSectors.push(u32(file, 0x4c + i * 4));
  let difat = u32(file, 0x44);
  for (let hops = 0; fatSectors.length < fatCount && hops <= sectorCount; hops++) {
    const at = sectorAt(difat);
    if (at < 0) return undefined;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++)
      fatSectors.push(u32(file, at + i * 4));
    difat = u32(file, at + sectorSize - 4);
  }
  const next = (n: number) => {
    const at = sectorAt(fatSectors[Math.floor(n / perSector)] ?? -1);
    return at < 0 ? -1 : u32(file, at + (n % perSector) * 4);
  };

  const names: string[] = [];
  let sector = u32(file, 0x30);
  for (let hops = 0; sector !== 0xfffffffe; hops++) {
    const at = sectorAt(sector);
    if (at < 0 || hops > sectorCount) return undefined;
    for (let entry = at; entry < at + sectorSize; entry += 128) {
      const nameBytes = u16(file, entry + 0x40);
      const type = file[entry + 0x42];
      if ([1, 2, 5].includes(type) && nameBytes >= 2 && nameBytes <= 64)
        names.push(file.toString('utf16le', entry, entry + nameBytes - 2));
    }
    sector = next(sector);
  }
  return names;
}
